import { useEffect, useRef, useState } from 'react';
import type { Region } from '../../../preload/contract';
import { useWidgetStore } from '../../state/store';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useDebounced } from '../../ui/use-debounced';
// The Templates area's own control: the same pills and words ("any tag", "all tags") in both places.
import { TagFilterControl } from '../templates/TagFilterControl';
import { ORIGIN_MAX_LENGTH, selectedTemplates, tagsOf, type TagFilter, type TemplateSummary } from './widget-store';
import './widget.css';

/** Workspace names may be 255 characters (the API's limit): the search and the name fields stop there. */
export const WORKSPACE_NAME_MAX_LENGTH = 255;

/**
 * A native <select> sizes itself to its longest option and draws options in the OS's own popup, which
 * CSS cannot clamp: a long name is shortened in the text (the whole name stays in the option's title).
 */
export function clampLabel(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Workspace of the active profile (searched on the server by name), or a new demo workspace. */
function WorkspaceChoice() {
  const target = useWidgetStore((s) => s.target);
  const workspaces = useWidgetStore((s) => s.workspaces);
  const workspaceSearch = useWidgetStore((s) => s.workspaceSearch);
  const { searchWorkspaces, setTarget } = useWidgetStore.getState();
  const [text, setText] = useState(workspaceSearch);
  const debounced = useDebounced(text, 250);
  useEffect(() => {
    void searchWorkspaces(debounced);
  }, [debounced, searchWorkspaces]);

  const items = workspaces.status === 'ready' ? workspaces.value : [];
  const picked = target.kind === 'existing' ? target.workspace : null;
  const options = picked && !items.some((w) => w.id === picked.id) ? [picked, ...items] : items;

  return (
    <fieldset className="widget-fieldset">
      <legend>Workspace</legend>
      <div className="toolbar" role="radiogroup" aria-label="Workspace kind">
        <label>
          <input type="radio" name="widget-target" checked={target.kind === 'existing'} onChange={() => setTarget({ kind: 'existing', workspace: null })} /> Existing
        </label>
        <label>
          <input type="radio" name="widget-target" checked={target.kind === 'new'} onChange={() => setTarget({ kind: 'new', name: '', region: 'US' })} /> New demo
          workspace
        </label>
      </div>
      {target.kind === 'existing' ? (
        <div className="toolbar filters">
          <input type="search" aria-label="Find workspace" placeholder="Find workspace…" maxLength={WORKSPACE_NAME_MAX_LENGTH} value={text} onChange={(e) => setText(e.target.value)} />
          <select
            aria-label="Workspace"
            value={picked?.id ?? ''}
            onChange={(e) => {
              const w = options.find((o) => o.id === e.target.value);
              setTarget({ kind: 'existing', workspace: w ? { id: w.id, name: w.name } : null });
            }}
          >
            <option value="">{workspaces.status === 'loading' ? 'Loading workspaces…' : `Workspace (${items.length}${items.length === 100 ? '+' : ''})`}</option>
            {options.map((w) => (
              <option key={w.id} value={w.id} title={w.name}>
                {clampLabel(w.name)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className="toolbar filters">
          <label>
            Name{' '}
            <input aria-label="New workspace name" value={target.name} maxLength={WORKSPACE_NAME_MAX_LENGTH} placeholder="acme-poc" onChange={(e) => setTarget({ ...target, name: e.target.value })} />
          </label>
          <label>
            Region{' '}
            <select aria-label="Region" value={target.region} onChange={(e) => setTarget({ ...target, region: e.target.value as Region })}>
              <option value="US">US</option>
              <option value="EU">EU</option>
            </select>
          </label>
          <span className="muted">The mint creates it (an existing name is refused).</span>
        </div>
      )}
      {workspaces.status === 'error' && <ErrorPanel error={workspaces.error} onRetry={() => void searchWorkspaces(text)} />}
    </fieldset>
  );
}

/** One tag filter (§8.3): the Templates area's tags-and-mode control, and the live list of templates it selects. */
function TagFilterField({ label, templates, filter, onChange }: { label: string; templates: TemplateSummary[]; filter: TagFilter; onChange: (f: TagFilter) => void }) {
  const selected = selectedTemplates(templates, filter);
  return (
    <div className="widget-tag-filter">
      <TagFilterControl label={`${label}s`} tagNames={tagsOf(templates)} filter={filter} onChange={onChange} />
      <p className="muted" aria-live="polite">
        {filter.tags.length === 0 ? `No filter: all ${templates.length} ${label.toLowerCase()}s apply.` : `Selects ${selected.length} of ${templates.length} ${label.toLowerCase()}s.`}
      </p>
      <ul className="template-preview" aria-label={`${label}s selected`}>
        {selected.map((t) => (
          <li key={t.id}>
            <span className="template-name">{t.name}</span>
            {t.tags.length > 0 && (
              <span className="template-tags">
                {t.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function OriginField() {
  const originText = useWidgetStore((s) => s.originText);
  const check = useWidgetStore((s) => s.originCheck);
  const preview = useWidgetStore((s) => s.preview);
  const { setOrigin, checkOrigin } = useWidgetStore.getState();
  const debounced = useDebounced(originText, 200);
  useEffect(() => {
    void checkOrigin(debounced);
  }, [debounced, checkOrigin]);
  const hostOrigin = preview?.previewOrigin;
  return (
    <fieldset className="widget-fieldset">
      <legend>Allowed origin</legend>
      <input
        aria-label="Allowed origin"
        aria-describedby="origin-verdict"
        aria-invalid={check?.ok === false}
        value={originText}
        spellCheck={false}
        maxLength={ORIGIN_MAX_LENGTH}
        placeholder={hostOrigin ? `${hostOrigin} (the preview host)` : 'the preview host’s origin'}
        onChange={(e) => setOrigin(e.target.value)}
      />
      <div id="origin-verdict" aria-live="polite">
        {!originText.trim() && <p className="muted">Default: the preview host’s exact origin{hostOrigin ? ` (${hostOrigin})` : ''}, so the widget’s messages reach it.</p>}
        {check?.ok === false && (
          // One sentence that ends with what to write instead; the rule's id is for tests only.
          <p className="field-error" role="alert" aria-label="Origin refused" data-rule={check.rule}>
            {check.message}
          </p>
        )}
        {check?.ok === true && (
          <div aria-label="Origin accepted">
            <p className="ok">Accepted as {check.origin}</p>
            {check.notices.map((n) => (
              <p key={n} className="muted">
                {n}
              </p>
            ))}
            {check.warnings.map((w) => (
              <p key={w} className="warn">
                {w}
              </p>
            ))}
            {hostOrigin && check.origin !== hostOrigin && (
              <p className="warn">This is not the preview host’s origin ({hostOrigin}): the widget will post its events there, so the preview here will not receive them.</p>
            )}
          </div>
        )}
      </div>
    </fieldset>
  );
}

/** Everything the mint needs: target, tag filters with their live preview, allowed origin. */
export function WidgetSetup() {
  const templates = useWidgetStore((s) => s.templates);
  const sourceFilter = useWidgetStore((s) => s.sourceFilter);
  const connectionFilter = useWidgetStore((s) => s.connectionFilter);
  const minting = useWidgetStore((s) => s.minting);
  const mintError = useWidgetStore((s) => s.mintError);
  const originCheck = useWidgetStore((s) => s.originCheck);
  const target = useWidgetStore((s) => s.target);
  const focusAsked = useWidgetStore((s) => s.focusAsked);
  const { setSourceFilter, setConnectionFilter, loadTemplates, mint } = useWidgetStore.getState();
  const ready = target.kind === 'existing' ? target.workspace !== null : target.name.trim().length > 0;
  const mintRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Asked from the command palette: with a workspace chosen the next step is Mint, else choosing one.
  useEffect(() => {
    if (focusAsked === 0) return;
    const button = mintRef.current;
    if (button && !button.disabled) button.focus();
    else formRef.current?.querySelector<HTMLElement>('input[type=search], input[aria-label="New workspace name"]')?.focus();
  }, [focusAsked]);

  return (
    <form
      ref={formRef}
      className="widget-setup"
      aria-label="Widget token"
      onSubmit={(e) => {
        e.preventDefault();
        void mint();
      }}
    >
      <WorkspaceChoice />
      {templates.status === 'loading' && <p role="status">Loading templates…</p>}
      {templates.status === 'error' && <ErrorPanel error={templates.error} onRetry={() => void loadTemplates()} />}
      {templates.status === 'ready' && (
        <div className="widget-filters">
          <TagFilterField label="Source template" templates={templates.value.sourceTemplates} filter={sourceFilter} onChange={setSourceFilter} />
          <TagFilterField label="Connection template" templates={templates.value.connectionTemplates} filter={connectionFilter} onChange={setConnectionFilter} />
        </div>
      )}
      <OriginField />
      <div className="toolbar widget-mint">
        <button ref={mintRef} type="submit" className="primary" disabled={minting || !ready || originCheck?.ok === false} aria-describedby={ready ? undefined : 'widget-mint-needs'}>
          {minting ? 'Minting…' : 'Mint widget token'}
        </button>
        {/* A disabled button says why it is disabled. */}
        {!ready && (
          <span id="widget-mint-needs" className="muted">
            {target.kind === 'existing' ? 'Choose a workspace first.' : 'Type the new workspace’s name first.'}
          </span>
        )}
      </div>
      {mintError && <ErrorPanel error={mintError} />}
    </form>
  );
}
