import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectorSpec, Customization, SourceTemplateDraft } from '../../../../preload/contract';
import { sourceTemplateModeSchema, streamSelectionModeSchema } from '../../../../preload/contract';
import { JsonObjectField } from './JsonObjectField';
import { onlineSecretState } from './online-secrets';
import { partialConfigSchema, secretFieldLabel } from './partial-schema';
import { TagChips } from './TagChips';
import { whitelistProblems, type CatalogStreams } from './whitelist';

export type { CatalogStreams };

export interface SourceTemplateFormProps {
  value: SourceTemplateDraft;
  onChange: (next: SourceTemplateDraft) => void;
  spec: ConnectorSpec | null;
  catalog: CatalogStreams | null;
  secretNames: string[];
  readOnly?: boolean;
  idPrefix: string;
  /** Known tag names (the registry), offered while typing a tag. */
  tagSuggestions?: readonly string[];
  /**
   * Set when the form edits a template on the server (not a draft file): the secret fields whose value
   * the server keeps (hidden) are listed, and a value typed at a secret field is warned about.
   */
  online?: { keptSecrets: readonly string[] };
  /** The problems of the default configuration's text (not JSON, or against the spec): the owner blocks saving. */
  onConfigProblems?(problems: string[]): void;
  /** Changes when the template is loaded afresh (opened, saved, created): the configuration is shown pretty-printed. */
  reloadKey?: string;
}

const SELECTION_LABELS: Record<Customization['stream_selection_mode'], string> = {
  suggested: 'Suggested streams (the connector’s defaults)',
  all: 'All streams',
  whitelist: 'Only these streams (whitelist)',
};

const linesOf = (text: string) => [...new Set(text.split('\n').map((l) => l.trim()).filter(Boolean))];
const formatDate = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
};

function WhitelistEditor({ value, onChange, catalog, readOnly, idPrefix }: { value: string[]; onChange: (names: string[]) => void; catalog: CatalogStreams | null; readOnly: boolean; idPrefix: string }) {
  const [text, setText] = useState(() => value.join('\n'));
  const last = useRef(value);
  useEffect(() => {
    if (last.current.join('\n') === value.join('\n')) return;
    last.current = value;
    setText(value.join('\n'));
  }, [value]);
  const problems = whitelistProblems(value, 'whitelist', catalog);
  const id = `${idPrefix}-whitelist`;
  return (
    <div className="whitelist">
      <label htmlFor={id}>Stream whitelist (one stream name per line)</label>
      <textarea
        id={id}
        rows={Math.min(12, Math.max(3, value.length + 1))}
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        aria-describedby={`${id}-check`}
        aria-invalid={problems.empty || problems.unknown.length > 0 ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const names = linesOf(e.target.value);
          last.current = names;
          onChange(names);
        }}
      />
      <div id={`${id}-check`} aria-live="polite">
        {problems.empty && (
          <p className="field-problem" role="alert">
            The whitelist is empty: this template would select no stream.
          </p>
        )}
        {problems.unknown.length > 0 && catalog && (
          <ul className="field-problems" aria-label="Streams not in the catalog">
            {problems.unknown.map((name) => (
              <li key={name} className="warn">
                <code>{name}</code>: not in the catalog of {catalog.sourceName} discovered {formatDate(catalog.discoveredAt)}: the API accepts it and selects nothing.
              </li>
            ))}
          </ul>
        )}
        {catalog && problems.unknown.length === 0 && !problems.empty && (
          <p className="ok">
            Every name is in the catalog of {catalog.sourceName} discovered {formatDate(catalog.discoveredAt)}.
          </p>
        )}
        {!catalog && <p className="hint">These names are not checked: discover a source of this connector in the Catalog area, and they are checked against its streams.</p>}
      </div>
    </div>
  );
}

/** The secret fields of a template on the server: which ones hold a hidden value there, and a warning for a value typed here. */
function OnlineSecrets({ pointers, config, keptSecrets, readOnly, idPrefix }: { pointers: readonly string[]; config: Record<string, unknown>; keptSecrets: readonly string[]; readOnly: boolean; idPrefix: string }) {
  return (
    <div className="secret-note" role="note" aria-label="Secret fields" id={`${idPrefix}-secrets`}>
      <p>Secret fields: their values are never shown here.</p>
      <ul className="plain-list online-secrets">
        {pointers.map((pointer) => {
          const label = secretFieldLabel(pointer);
          const state = onlineSecretState(config, pointer, keptSecrets);
          return (
            <li key={pointer} aria-label={`Secret field ${label}`}>
              <code>{label}</code>:{' '}
              {state === 'kept' && (readOnly ? 'a value is kept on the server — hidden.' : 'a value is kept on the server — hidden; leave it out to keep it, or type a new one.')}
              {state === 'none' && (readOnly ? 'no value on the server.' : 'no value on the server; leave it out for the end user to fill in, or type one.')}
              {state === 'typed' && (
                <strong className="warn" role="alert">
                  This stores the {label} on the server as a default for every source built from this template.
                </strong>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A source template, in the draft shape: the same form edits an online template and a draft file. */
export function SourceTemplateForm({ value, onChange, spec, catalog, secretNames, readOnly = false, idPrefix, tagSuggestions, online, onConfigProblems, reloadKey }: SourceTemplateFormProps) {
  const isOnline = online !== undefined;
  const schema = useMemo(() => (spec?.spec ? partialConfigSchema(spec.spec, secretNames, { references: !isOnline }) : null), [spec, secretNames, isOnline]);
  const secretPointers = spec?.spec ? spec.secretPaths : [];
  const secrets = secretPointers.map(secretFieldLabel);
  const customization = value.customization;
  const mode = customization.stream_selection_mode;
  // The whitelist survives switching to another mode and back within this form.
  const keptWhitelist = useRef<string[]>(customization.stream_whitelist ?? []);
  if (customization.stream_whitelist) keptWhitelist.current = customization.stream_whitelist;

  const setCustomization = (next: Customization) => onChange({ ...value, customization: next });
  const setSelection = (next: Customization['stream_selection_mode']) => {
    // Only the two keys this form owns change; stream_customizations, mappers and newer keys stay.
    const rest: Customization = { ...customization, stream_selection_mode: next };
    if (next === 'whitelist') rest.stream_whitelist = keptWhitelist.current;
    else delete rest.stream_whitelist;
    setCustomization(rest);
  };

  return (
    <div className="template-form" aria-label="Source template">
      <div className="form-row">
        <label htmlFor={`${idPrefix}-name`}>Name</label>
        <input id={`${idPrefix}-name`} value={value.name} readOnly={readOnly} maxLength={255} onChange={(e) => onChange({ ...value, name: e.target.value })} aria-invalid={value.name.trim() ? undefined : true} />
        {!value.name.trim() && <span className="field-problem">A name is required.</span>}
      </div>
      <div className="form-row">
        <span className="muted">Connector</span>
        <span>
          {value.connector_name ?? 'Unknown connector'} <code className="muted">{value.actor_definition_id}</code>
        </span>
      </div>
      <div className="form-row">
        <label htmlFor={`${idPrefix}-mode`}>Mode</label>
        <select id={`${idPrefix}-mode`} value={value.mode} disabled={readOnly} onChange={(e) => onChange({ ...value, mode: sourceTemplateModeSchema.parse(e.target.value) })}>
          {sourceTemplateModeSchema.options.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>

      <h4 id={`${idPrefix}-defaults-title`}>Default configuration (partial)</h4>
      {spec?.spec ? (
        <p className="hint">
          Field names, types and allowed values are checked against the connector’s spec{spec.from === 'cache' ? ' (from the cache)' : ''} as you type, and suggested with Ctrl+Space. Required fields are not asked for here: the end user fills in the rest.
        </p>
      ) : (
        <p className="warn" role="note">
          No spec cached for this connector yet: it is fetched the next time a template of it is opened online.
        </p>
      )}
      {!isOnline && secrets.length > 0 && (
        <p className="secret-note" role="note" aria-label="Secret fields">
          Secret fields ({secrets.join(', ')}) are never written to a draft file: leave them to the end user, or keep a value in the keychain and reference it as {'{"$secret": "name"}'}.
        </p>
      )}
      {isOnline && secretPointers.length > 0 && <OnlineSecrets pointers={secretPointers} config={value.partial_default_config} keptSecrets={online.keptSecrets} readOnly={readOnly} idPrefix={idPrefix} />}
      <JsonObjectField
        label="Default configuration"
        path={`${idPrefix}/partial_default_config.json`}
        value={value.partial_default_config}
        onChange={(partial) => onChange({ ...value, partial_default_config: partial })}
        schema={schema}
        readOnly={readOnly}
        idPrefix={`${idPrefix}-defaults`}
        onProblems={onConfigProblems}
        reloadKey={reloadKey}
      />

      <fieldset className="form-fieldset">
        <legend>Stream selection</legend>
        <div role="radiogroup" aria-label="Stream selection" className="radio-column">
          {streamSelectionModeSchema.options.map((m) => (
            <label key={m}>
              <input type="radio" name={`${idPrefix}-selection`} value={m} checked={mode === m} disabled={readOnly} onChange={() => setSelection(m)} /> {SELECTION_LABELS[m]}
            </label>
          ))}
        </div>
        {mode === 'whitelist' && (
          <WhitelistEditor value={customization.stream_whitelist ?? []} onChange={(names) => setCustomization({ ...customization, stream_whitelist: names })} catalog={catalog} readOnly={readOnly} idPrefix={idPrefix} />
        )}
      </fieldset>

      <fieldset className="form-fieldset">
        <legend>Tags</legend>
        <TagChips label="Tags" tags={value.tags} onChange={(tags) => onChange({ ...value, tags })} readOnly={readOnly} idPrefix={idPrefix} suggestions={tagSuggestions} />
      </fieldset>
    </div>
  );
}
