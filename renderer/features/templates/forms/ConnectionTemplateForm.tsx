import type { ConnectionTemplateDraft, DestinationDefinition } from '../../../../preload/contract';
import { nonBreakingPreferenceSchema } from '../../../../preload/contract';
import { CronField, type CronFieldProps } from './CronField';
import { newConnectionDraft, type Hosting } from './draft-shape';
import { JsonObjectField } from './JsonObjectField';
import { TagChips } from './TagChips';

export interface ConnectionTemplateFormProps {
  value: ConnectionTemplateDraft;
  onChange: (next: ConnectionTemplateDraft) => void;
  destinations: DestinationDefinition[];
  readOnly?: boolean;
  idPrefix: string;
  /** An existing server template cannot change its hosting type (the API has no field for it). */
  hostingLocked?: boolean;
  tagSuggestions?: readonly string[];
  /** Passed to the schedule field (tests give their own server check). */
  cron?: Pick<CronFieldProps, 'describe' | 'now'>;
  /** The problems of the destination configuration's text: the owner blocks saving on them. */
  onConfigProblems?(problems: string[]): void;
}

const PREFERENCE_LABELS: Record<string, string> = {
  ignore: 'Ignore (keep syncing, do not apply)',
  disable: 'Disable the connection',
  propagate_columns: 'Propagate column changes',
  propagate_fully: 'Propagate all changes',
};

/** A connection template, in the draft shape: the same form edits an online template and a draft file. */
export function ConnectionTemplateForm({ value, onChange, destinations, readOnly = false, idPrefix, hostingLocked = false, tagSuggestions, cron, onConfigProblems }: ConnectionTemplateFormProps) {
  const setHosting = (hosting: Hosting) => {
    if (hosting === value.data_hosting_type) return;
    // The schedule, tags and unknown server fields carry over; the destination does not exist on the other kind.
    onChange({ ...newConnectionDraft(hosting), cron_expression: value.cron_expression, tags: value.tags, server_fields: value.server_fields });
  };
  const hostingDisabled = readOnly || hostingLocked;
  return (
    <div className="template-form" aria-label="Connection template">
      <fieldset className="form-fieldset">
        <legend>Hosting</legend>
        <div role="radiogroup" aria-label="Hosting" className="radio-column">
          <label>
            <input type="radio" name={`${idPrefix}-hosting`} checked={value.data_hosting_type === 'user_hosted'} disabled={hostingDisabled} onChange={() => setHosting('user_hosted')} /> User-hosted (your destination)
          </label>
          <label>
            <input type="radio" name={`${idPrefix}-hosting`} checked={value.data_hosting_type === 'airbyte_hosted'} disabled={hostingDisabled} onChange={() => setHosting('airbyte_hosted')} /> Airbyte-hosted (Airbyte
            supplies the destination)
          </label>
        </div>
        {hostingLocked && <p className="hint">The hosting type of an existing template cannot change: create a new template instead.</p>}
      </fieldset>

      {value.data_hosting_type === 'user_hosted' ? (
        <UserHostedFields value={value} onChange={onChange} destinations={destinations} readOnly={readOnly} idPrefix={idPrefix} onConfigProblems={onConfigProblems} />
      ) : (
        <div className="form-row">
          <label htmlFor={`${idPrefix}-label`}>Label</label>
          <input id={`${idPrefix}-label`} value={value.label} readOnly={readOnly} maxLength={255} onChange={(e) => onChange({ ...value, label: e.target.value })} />
          <span className="hint">Only names the draft file and the list row; the server has no name for it.</span>
        </div>
      )}

      <CronField value={value.cron_expression} onChange={(cron_expression) => onChange({ ...value, cron_expression })} readOnly={readOnly} idPrefix={idPrefix} {...cron} />

      <fieldset className="form-fieldset">
        <legend>Tags</legend>
        <TagChips label="Tags" tags={value.tags} onChange={(tags) => onChange({ ...value, tags })} readOnly={readOnly} idPrefix={idPrefix} suggestions={tagSuggestions} />
      </fieldset>
    </div>
  );
}

type UserHosted = Extract<ConnectionTemplateDraft, { data_hosting_type: 'user_hosted' }>;

function UserHostedFields({
  value,
  onChange,
  destinations,
  readOnly,
  idPrefix,
  onConfigProblems,
}: {
  value: UserHosted;
  onChange: (next: UserHosted) => void;
  destinations: DestinationDefinition[];
  readOnly: boolean;
  idPrefix: string;
  onConfigProblems?: (problems: string[]) => void;
}) {
  const known = destinations.some((d) => d.id === value.destination_definition_id);
  return (
    <>
      <div className="form-row">
        <label htmlFor={`${idPrefix}-destination`}>Destination connector</label>
        <select
          id={`${idPrefix}-destination`}
          value={value.destination_definition_id}
          disabled={readOnly}
          aria-invalid={value.destination_definition_id ? undefined : true}
          onChange={(e) => {
            const def = destinations.find((d) => d.id === e.target.value);
            // A name still empty takes the connector's, as a start.
            onChange({ ...value, destination_definition_id: e.target.value, destination_name: value.destination_name.trim() ? value.destination_name : (def?.name ?? '') });
          }}
        >
          <option value="">{destinations.length === 0 ? 'No destination definitions (offline, never cached)' : 'Choose a destination…'}</option>
          {!known && value.destination_definition_id && <option value={value.destination_definition_id}>Unknown definition {value.destination_definition_id}</option>}
          {destinations.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        {!value.destination_definition_id && <span className="field-problem">Choose a destination connector.</span>}
      </div>
      <div className="form-row">
        <label htmlFor={`${idPrefix}-destination-name`}>Destination name</label>
        <input
          id={`${idPrefix}-destination-name`}
          value={value.destination_name}
          readOnly={readOnly}
          maxLength={255}
          aria-invalid={value.destination_name.trim() ? undefined : true}
          onChange={(e) => onChange({ ...value, destination_name: e.target.value })}
        />
        {!value.destination_name.trim() && <span className="field-problem">A destination name is required.</span>}
      </div>
      <h4>Destination configuration</h4>
      <JsonObjectField
        label="Destination configuration"
        path={`${idPrefix}/destination_config.json`}
        value={value.destination_config}
        onChange={(destination_config) => onChange({ ...value, destination_config })}
        schema={null}
        readOnly={readOnly}
        idPrefix={`${idPrefix}-destination-config`}
        height={160}
        onProblems={onConfigProblems}
      />
      <div className="form-row">
        <label htmlFor={`${idPrefix}-preference`}>Non-breaking schema changes</label>
        <select
          id={`${idPrefix}-preference`}
          value={value.non_breaking_changes_preference}
          disabled={readOnly}
          onChange={(e) => onChange({ ...value, non_breaking_changes_preference: nonBreakingPreferenceSchema.parse(e.target.value) })}
        >
          {nonBreakingPreferenceSchema.options.map((p) => (
            <option key={p} value={p}>
              {PREFERENCE_LABELS[p] ?? p}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label>
          <input type="checkbox" checked={value.sync_on_create} disabled={readOnly} onChange={(e) => onChange({ ...value, sync_on_create: e.target.checked })} /> Sync on create (start the first sync as soon as a
          connection is made from it)
        </label>
      </div>
    </>
  );
}
