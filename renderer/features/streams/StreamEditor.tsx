import { lazy, Suspense, useState } from 'react';
import { describeEffect, DESTINATION_SYNC_MODES, SYNC_MODES, type StreamConfig } from '../../../lib/stream-config';
import { Dialog } from '../../ui/Dialog';
import { useStreamsStore } from '../../state/store';
import { applyBlocker } from './streams-store';

const PatchEditor = lazy(() => import('./PatchEditor').then((m) => ({ default: m.PatchEditor })));
const ConfigDiff = lazy(() => import('./ConfigDiff').then((m) => ({ default: m.ConfigDiff })));

const pathText = (path: readonly string[]) => path.join('.');
const pretty = (config: StreamConfig | null) => (config ? JSON.stringify(config, null, 2) : '// not configured\n');

/** One stream: the form and the patch beside it (each follows the other), the checks, the dry run, Apply and Remove. */
export function StreamEditor() {
  const editor = useStreamsStore((s) => s.editor);
  const { setForm, setPatchText, applyStream, removeStream, rereadStream } = useStreamsStore.getState();
  const [dryRun, setDryRun] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  if (!editor) return <p className="empty">Open a stream from the list to edit its settings, or select several and press Plan.</p>;
  const title = `Stream ${editor.name}`;
  if (editor.status === 'loading') return <section className="stream-editor" aria-label={title}><p role="status">Loading {editor.name}…</p></section>;
  if (editor.status === 'error' || !editor.form || !editor.info || !editor.base) {
    return (
      <section className="stream-editor" aria-label={title}>
        <h2>{editor.name}</h2>
        <div className="error-panel" role="alert">
          <p>{editor.error}</p>
          <button type="button" onClick={() => void rereadStream()}>Try again</button>
        </div>
      </section>
    );
  }
  const { form, info, before } = editor;
  const fields = info.fields;
  const blocker = applyBlocker(editor);
  const errors = editor.problems.filter((p) => p.severity === 'error');
  const effect = editor.after ? describeEffect(editor.name, before, editor.after) : null;
  const supported = info.stream.supported_sync_modes;
  const syncOptions = SYNC_MODES.filter((m) => supported.includes(m) || m === form.syncMode);
  const fieldOptions = (current: readonly string[]): string[][] => {
    const known = fields.some((f) => pathText(f) === pathText(current));
    return [...(current.length > 0 && !known ? [[...current]] : []), ...fields];
  };

  return (
    <section className="stream-editor" aria-label={title}>
      <div className="stream-editor-head">
        <h2>{editor.name}</h2>
        <span className="muted" aria-label="Configured state">
          {before ? 'Configured' : 'Not configured: Apply adds it with these settings'}
          {info.sameName > 1 ? ` · the catalog has ${info.sameName} streams with this name (one for the API)` : ''}
        </span>
        <button type="button" onClick={() => void rereadStream()}>Read again</button>
      </div>
      <div className="stream-editor-body">
        <form className="stream-form" aria-label="Settings" onSubmit={(e) => e.preventDefault()}>
          <label>
            Sync mode
            <select aria-label="Sync mode" value={form.syncMode} onChange={(e) => setForm({ syncMode: e.target.value as typeof form.syncMode })}>
              {syncOptions.map((m) => (
                <option key={m} value={m}>{m}{supported.includes(m) ? '' : ' (not supported)'}</option>
              ))}
            </select>
          </label>
          <label>
            Destination sync mode
            <select aria-label="Destination sync mode" value={form.destinationSyncMode} onChange={(e) => setForm({ destinationSyncMode: e.target.value as typeof form.destinationSyncMode })}>
              {DESTINATION_SYNC_MODES.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <label>
            Cursor field
            <select aria-label="Cursor field" value={pathText(form.cursorField)} onChange={(e) => setForm({ cursorField: e.target.value === '' ? [] : (fieldOptions(form.cursorField).find((f) => pathText(f) === e.target.value) ?? []) })}>
              <option value="">{info.stream.source_defined_cursor ? '(the source’s cursor)' : '(none)'}</option>
              {fieldOptions(form.cursorField).map((f) => <option key={pathText(f)} value={pathText(f)}>{pathText(f)}</option>)}
            </select>
          </label>
          <fieldset className="key-parts">
            <legend>Primary key{form.primaryKey.length > 1 ? ' (composite)' : ''}</legend>
            {form.primaryKey.length === 0 && <p className="muted">No key.</p>}
            {form.primaryKey.map((part, i) => (
              <div key={i} className="key-part">
                <select
                  aria-label={`Key part ${i + 1}`}
                  value={pathText(part)}
                  onChange={(e) => {
                    const path = fieldOptions(part).find((f) => pathText(f) === e.target.value) ?? part;
                    setForm({ primaryKey: form.primaryKey.map((p, j) => (j === i ? path : p)) });
                  }}
                >
                  {fieldOptions(part).map((f) => <option key={pathText(f)} value={pathText(f)}>{pathText(f)}</option>)}
                </select>
                <button type="button" aria-label={`Remove key part ${i + 1}`} onClick={() => setForm({ primaryKey: form.primaryKey.filter((_, j) => j !== i) })}>
                  Remove
                </button>
              </div>
            ))}
            <button type="button" disabled={fields.length === 0} onClick={() => setForm({ primaryKey: [...form.primaryKey, fields.find((f) => !form.primaryKey.some((p) => pathText(p) === pathText(f))) ?? fields[0] ?? []] })}>
              Add key part
            </button>
            {info.fieldsTruncated && <p className="hint">The schema has more fields than listed here; type others in the patch.</p>}
          </fieldset>
        </form>
        <div className="patch-pane">
          <h3 id="patch-title">Patch (RFC 6902)</h3>
          <Suspense fallback={<p role="status">Loading editor…</p>}>
            <PatchEditor value={editor.patchText} onChange={setPatchText} layout={editor.layout} problems={editor.problems} />
          </Suspense>
          {editor.problems.length === 0 ? (
            <p className="muted" role="status" aria-label="Patch check">The patch is valid{before === null ? ' (applied to the defaults; Apply adds the stream)' : ''}.</p>
          ) : (
            <ul className="problems plain-list" aria-label="Patch problems">
              {editor.problems.map((p, i) => (
                <li key={i} className={p.severity}>
                  <strong>{p.severity === 'error' ? 'Error' : 'Warning'}:</strong> {p.message}. <span className="muted">{p.fix}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {effect && <p className="effect" role="status" aria-label="Effect">{effect}</p>}
      <div className="toolbar" role="toolbar" aria-label="Stream actions">
        <button type="button" aria-expanded={dryRun} onClick={() => setDryRun(!dryRun)} disabled={!editor.after}>
          Dry run
        </button>
        <button type="button" className="primary" disabled={blocker !== null} onClick={() => void applyStream()} aria-describedby="apply-blocker">
          {editor.applying ? 'Applying…' : before ? 'Apply' : 'Apply (add stream)'}
        </button>
        {before && (
          <button type="button" className="danger" onClick={() => setConfirmRemove(true)} disabled={editor.applying}>
            Remove…
          </button>
        )}
        {blocker && <span id="apply-blocker" className={errors.length > 0 ? 'blocked' : 'muted'}>{blocker}</span>}
      </div>
      {dryRun && editor.after && (
        <section className="dry-run" aria-label="Dry run">
          <p className="muted">
            Before ({before ? 'on the server' : 'not configured'}) → after ({before ? 'with the patch' : 'what Apply adds'}): removed lines in red, added lines in green. Nothing is sent until Apply.
          </p>
          <Suspense fallback={<p role="status">Loading editor…</p>}>
            <ConfigDiff before={pretty(before)} after={pretty(editor.after)} height={260} />
          </Suspense>
        </section>
      )}
      {editor.answer?.ok === true && (
        <div className="answer ok" role="status" aria-label="Server answer">
          <p>{editor.answer.message}</p>
          {editor.answer.result.after && <pre>{JSON.stringify(editor.answer.result.after)}</pre>}
        </div>
      )}
      {editor.answer?.ok === false && (
        <div className="error-panel" role="alert" aria-label="Server answer">
          <p>Not applied: {editor.answer.message}</p>
        </div>
      )}
      {confirmRemove && (
        <Dialog title={`Remove ${editor.name}?`} onClose={() => setConfirmRemove(false)}>
          <p>Syncing of {editor.name} stops. The data already synced is kept in the destination. You can add the stream again later.</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirmRemove(false)}>Keep it</button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirmRemove(false);
                void removeStream();
              }}
            >
              Remove stream
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
