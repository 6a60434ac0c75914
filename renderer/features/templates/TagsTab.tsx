import { useEffect, useMemo, useState } from 'react';
import { TAG_NAME_MAX_LENGTH, type Tag, type TagsMode } from '../../../preload/contract';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Dialog } from '../../ui/Dialog';
import { filterPreview, tagCounts, templatesCarrying, type ReachedTemplate, type TagUsage } from './templates-store';
import { useTemplatesStore } from './use-templates-store';
import { DeleteIcon, EditIcon, NewIcon } from '../../ui/icons';

type Pending = { kind: 'create'; name: string } | { kind: 'rename'; tag: Tag } | { kind: 'delete'; tag: Tag };

function ReachedList({ reached, label, empty }: { reached: ReachedTemplate[]; label: string; empty: string }) {
  if (reached.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="reached-list" aria-label={label}>
      {reached.map((t) => (
        <li key={`${t.kind}:${t.id}`}>
          <span className="badge">{t.kind === 'source' ? 'Source template' : 'Connection template'}</span> {t.name}
        </li>
      ))}
    </ul>
  );
}

const tagNameProblem = (name: string, existing: readonly string[], current?: string): string | null => {
  if (!name) return 'Type a tag name.';
  if (name.length > 255) return 'A tag name has at most 255 characters.';
  if (name === current) return 'That is already its name.';
  if (existing.includes(name)) return `A tag named “${name}” already exists (names are exact and case-sensitive).`;
  return null;
};

/** The change's dialog: what it reaches is listed, by name and kind, before the user confirms it. */
function TagChangeDialog({ pending, usage, names, onClose, onDone }: { pending: Pending; usage: TagUsage | null; names: string[]; onClose: () => void; onDone: () => void }) {
  const busy = useTemplatesStore((s) => s.tagBusy);
  const { createTag, renameTag, deleteTag } = useTemplatesStore.getState();
  const [newName, setNewName] = useState(pending.kind === 'rename' ? pending.tag.name : '');
  const name = pending.kind === 'create' ? pending.name : pending.tag.name;
  const reached = usage ? templatesCarrying(usage, name) : null;
  const problem = pending.kind === 'rename' ? tagNameProblem(newName, names, pending.tag.name) : null;
  const title = pending.kind === 'create' ? `Register tag “${name}”?` : pending.kind === 'rename' ? `Rename tag “${name}”` : `Delete tag “${name}”?`;
  const run = async () => {
    const done = pending.kind === 'create' ? await createTag(name) : pending.kind === 'rename' ? await renameTag(name, newName) : await deleteTag(name);
    if (done) onDone();
  };
  const reachedText =
    pending.kind === 'create'
      ? 'No template is changed: a new tag is on no template until it is attached.'
      : pending.kind === 'rename'
        ? `The new name reaches ${reached ? reached.length : 'every'} template${reached?.length === 1 ? '' : 's'} carrying “${name}”:`
        : `“${name}” is detached from ${reached ? reached.length : 'every'} template${reached?.length === 1 ? '' : 's'}:`;
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem && !busy) void run();
        }}
      >
        {pending.kind === 'rename' && (
          <label>
            New name
            <input value={newName} autoFocus maxLength={TAG_NAME_MAX_LENGTH} aria-invalid={problem ? true : undefined} aria-describedby="tag-rename-problem" onChange={(e) => setNewName(e.target.value)} />
            {problem && (
              <span id="tag-rename-problem" className="field-problem">
                {problem}
              </span>
            )}
          </label>
        )}
        <section aria-label="Templates this change reaches" className="reached">
          <p>{reachedText}</p>
          {pending.kind !== 'create' && reached && <ReachedList reached={reached} label="Reached templates" empty="No template of your organization carries it." />}
          {pending.kind === 'create' && reached && reached.length > 0 && (
            <>
              <p className="muted">These templates already carry this name:</p>
              <ReachedList reached={reached} label="Reached templates" empty="" />
            </>
          )}
          {!reached && <p className="warn">The templates could not be listed, so this preview is incomplete.</p>}
          <p className="hint">Counted over your organization’s templates (global templates are Airbyte’s).</p>
        </section>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={pending.kind === 'delete' ? 'danger' : 'primary'} disabled={busy || problem !== null}>
            {busy ? 'Working…' : pending.kind === 'create' ? 'Register tag' : pending.kind === 'rename' ? `Rename to “${newName.trim() || '…'}”` : 'Delete tag'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function FilterPreview({ tags, usage }: { tags: string[]; usage: TagUsage }) {
  const [picked, setPicked] = useState<string[]>([]);
  const chosen = picked.filter((t) => tags.includes(t));
  const previews = useMemo(() => (['any', 'all'] as TagsMode[]).map((mode) => ({ mode, ...filterPreview(usage, chosen, mode) })), [usage, chosen]);
  return (
    <section className="filter-preview" aria-labelledby="filter-preview-title">
      <h3 id="filter-preview-title">Filter preview</h3>
      <p className="hint">Pick tags to see which templates a widget filter selects under each mode (exact, case-sensitive names; no tag = no filter). Computed here from the lists.</p>
      <div className="tag-choices" role="group" aria-label="Filter tags">
        {tags.map((tag) => (
          <label key={tag} className="tag-choice">
            <input type="checkbox" checked={chosen.includes(tag)} onChange={() => setPicked(chosen.includes(tag) ? chosen.filter((t) => t !== tag) : [...chosen, tag])} /> {tag}
          </label>
        ))}
      </div>
      <div className="filter-columns">
        {previews.map((p) => (
          <section key={p.mode} aria-label={`Selected under ${p.mode}`} className="filter-column">
            <h4>
              Under “{p.mode}” {chosen.length === 0 && <span className="muted">(no filter: everything)</span>}
            </h4>
            <h5>
              Source templates ({p.sources.length} of {usage.sources.length})
            </h5>
            <ReachedList reached={p.sources} label={`Source templates under ${p.mode}`} empty="None." />
            <h5>
              Connection templates ({p.connections.length} of {usage.connections.length})
            </h5>
            <ReachedList reached={p.connections} label={`Connection templates under ${p.mode}`} empty="None." />
          </section>
        ))}
      </div>
    </section>
  );
}

export function TagsTab() {
  const tags = useTemplatesStore((s) => s.tags);
  const usage = useTemplatesStore((s) => s.usage);
  const notice = useTemplatesStore((s) => s.notice);
  const { loadTags, loadUsage } = useTemplatesStore.getState();
  const [newTag, setNewTag] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  useEffect(() => {
    // Fresh counts each time the tab opens (an idle store is asked below).
    if (useTemplatesStore.getState().usage.status !== 'idle') void loadUsage();
  }, [loadUsage]);
  // A profile (re)loaded after this tab opened resets the store: the counts are asked for again.
  const usageIdle = usage.status === 'idle';
  useEffect(() => {
    if (usageIdle) void loadUsage();
  }, [usageIdle, loadUsage]);
  const list = tags.status === 'ready' ? tags.value : tags.status === 'loading' ? (tags.previous ?? []) : [];
  const names = list.map((t) => t.name);
  const usageValue = usage.status === 'ready' ? usage.value : usage.status === 'loading' ? (usage.previous ?? null) : null;
  const counts = usageValue ? tagCounts(usageValue) : null;
  const createProblem = newTag.trim() ? tagNameProblem(newTag.trim(), names) : null;

  return (
    <div className="templates-tab tags-tab">
      <form
        className="toolbar filters"
        aria-label="Register a tag"
        onSubmit={(e) => {
          e.preventDefault();
          const name = newTag.trim();
          if (name && !tagNameProblem(name, names)) setPending({ kind: 'create', name });
        }}
      >
        <label>
          New tag <input value={newTag} maxLength={TAG_NAME_MAX_LENGTH} placeholder="a new tag name" aria-invalid={createProblem ? true : undefined} onChange={(e) => setNewTag(e.target.value)} />
        </label>
        <button type="submit" disabled={!newTag.trim() || createProblem !== null}>
          <NewIcon /> Register tag…
        </button>
        {createProblem && <span className="field-problem">{createProblem}</span>}
      </form>
      {notice && (
        <p className={notice.kind === 'ok' ? 'ok' : 'field-problem'} role="status" aria-label="Last action">
          {notice.text}
        </p>
      )}
      {tags.status === 'error' && <ErrorPanel error={tags.error} onRetry={() => void loadTags()} />}
      {usage.status === 'error' && <ErrorPanel error={usage.error} onRetry={() => void loadUsage()} />}
      {tags.status === 'loading' && list.length === 0 && <p role="status">Loading tags…</p>}
      {list.length === 0 && tags.status === 'ready' && <p className="empty">No tags registered yet.</p>}
      {list.length > 0 && (
        <table className="tag-table" aria-label="Tag registry">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Source templates</th>
              <th scope="col">Connection templates</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((tag) => {
              const c = counts?.get(tag.name) ?? { sources: 0, connections: 0 };
              return (
                <tr key={tag.id}>
                  <th scope="row">
                    <span className="tag">{tag.name}</span>
                  </th>
                  <td>{counts ? c.sources : '…'}</td>
                  <td>{counts ? c.connections : '…'}</td>
                  <td className="row-actions">
                    <button type="button" aria-label={`Rename tag ${tag.name}`} onClick={() => setPending({ kind: 'rename', tag })}>
                      <EditIcon /> Rename…
                    </button>
                    <button type="button" className="danger" aria-label={`Delete tag ${tag.name}`} onClick={() => setPending({ kind: 'delete', tag })}>
                      <DeleteIcon /> Delete…
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {usageValue && names.length > 0 && <FilterPreview tags={names} usage={usageValue} />}
      {pending && (
        <TagChangeDialog
          pending={pending}
          usage={usageValue}
          names={names}
          onClose={() => setPending(null)}
          onDone={() => {
            if (pending.kind === 'create') setNewTag('');
            setPending(null);
          }}
        />
      )}
    </div>
  );
}
