import { useState } from 'react';
import type { SourceTemplateDraft } from '../../../preload/contract';
import { pointerLabel, secretFieldState, secretReference, withValueAt } from './secret-reference';

/**
 * The connector's secret fields and what the draft holds at each: a plain value is never written to a file,
 * so each can be left to the end user or point at a kept secret (`{"$secret": name}`).
 */
export function SecretFields({ draft, secretPaths, names, onChange, readOnly }: { draft: SourceTemplateDraft; secretPaths: string[]; names: string[]; onChange: (draft: SourceTemplateDraft) => void; readOnly: boolean }) {
  const [choice, setChoice] = useState<Record<string, string>>({});
  if (secretPaths.length === 0) return null;
  const set = (pointer: string, value: unknown) => onChange({ ...draft, partial_default_config: withValueAt(draft.partial_default_config, pointer, value) });
  return (
    <section className="drafts-secret-fields" aria-label="Secret field values">
      <h3>Secret fields</h3>
      <p className="hint">Never written into the file: leave each to the end user, or point it at a kept secret (sent only at Publish).</p>
      <ul className="plain-list">
        {secretPaths.map((pointer) => {
          const state = secretFieldState(draft.partial_default_config, pointer);
          const label = pointerLabel(pointer);
          const picked = choice[pointer] ?? names[0] ?? '';
          return (
            <li key={pointer} className="drafts-secret-field">
              <code>{label}</code>{' '}
              <span className={state.kind === 'plain' ? 'warn' : 'muted'} aria-label={`State of ${label}`}>
                {state.kind === 'empty' ? 'left to the end user' : state.kind === 'reference' ? `kept secret “${state.name}”${names.includes(state.name) ? '' : ' (not kept for this profile yet)'}` : 'a plain value: Save refuses it'}
              </span>
              {!readOnly && (
                <span className="drafts-secret-actions">
                  {names.length > 0 && (
                    <>
                      <select aria-label={`Kept secret for ${label}`} value={picked} onChange={(e) => setChoice({ ...choice, [pointer]: e.target.value })}>
                        {names.map((n) => (
                          <option key={n} value={n}>
                            {n}
                          </option>
                        ))}
                      </select>
                      <button type="button" aria-label={`Use kept secret for ${label}`} disabled={!picked} onClick={() => set(pointer, secretReference(picked))}>
                        Use kept secret
                      </button>
                    </>
                  )}
                  {state.kind !== 'empty' && (
                    <button type="button" aria-label={`Leave ${label} to the end user`} onClick={() => set(pointer, undefined)}>
                      Leave to end user
                    </button>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {names.length === 0 && <p className="hint">No secret is kept for this profile yet: keep one under “Kept secrets”, then choose it here.</p>}
    </section>
  );
}
