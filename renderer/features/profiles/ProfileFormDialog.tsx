import { useId, useState, type FormEvent } from 'react';
import type { AppErrorShape, ProfileView } from '../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { notify } from '../../ui/toast-store';
import { useProfilesStore } from '../../state/store';
import { createInput, credentialsRemovedNote, EMPTY_FORM, FIELD_LABELS, formOf, localProblems, MAX_LENGTH, placeProblems, schemeNote, updateInput, type FormProblems, type ProfileField, type ProfileFormValues } from './profile-form-model';
import './profiles.css';

const HINTS: Partial<Record<ProfileField, string>> = {
  baseUrl: 'Typed without a scheme, https:// is added (http:// for this machine: localhost, 127.0.0.1).',
  tokenUrl: 'Optional: where operator tokens are minted, when not at the base URL.',
  organizationId: 'Optional: the organization’s ID, like 123e4567-e89b-12d3-a456-426614174000.',
  proxy: 'Optional: an http:// or https:// proxy URL.',
  caFile: 'Optional: the absolute path of a PEM file with extra CA certificates.',
};

function TextField({ field, values, problems, onChange }: { field: Exclude<ProfileField, 'defaultRegion'>; values: ProfileFormValues; problems: FormProblems['fields']; onChange(field: ProfileField, value: string): void }) {
  const id = useId();
  const problem = problems[field];
  const hint = HINTS[field];
  return (
    <div className="profile-field">
      <label htmlFor={id}>{FIELD_LABELS[field]}</label>
      <input
        id={id}
        value={values[field]}
        maxLength={MAX_LENGTH[field]}
        spellCheck={false}
        autoComplete="off"
        autoFocus={field === 'name'}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(field, e.target.value)}
      />
      {problem ? (
        <p id={`${id}-problem`} className="field-problem">
          {problem}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

const NO_PROFILES: ProfileView[] = [];

/**
 * Create or edit a profile: every setting the README lists, each refusal under its field. Typed
 * values stay in the form after a refusal. `onDone` receives the saved profile and, when the base URL
 * was completed, the sentence that says so.
 */
export function ProfileFormDialog({ profile, onClose, onDone }: { profile?: ProfileView; onClose(): void; onDone(saved: ProfileView, note: string | null): void }) {
  const createProfile = useProfilesStore((s) => s.create);
  const updateProfile = useProfilesStore((s) => s.update);
  const knownProfiles = useProfilesStore((s) => (s.list.status === 'ready' ? s.list.value.profiles : NO_PROFILES));
  const before = profile ? formOf(profile) : EMPTY_FORM;
  const [values, setValues] = useState<ProfileFormValues>(before);
  const [problems, setProblems] = useState<FormProblems>({ fields: {}, rest: null });
  const [busy, setBusy] = useState(false);
  const regionId = useId();

  const change = (field: ProfileField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // The sentence was about what was there; a new value has not been refused.
    if (problems.fields[field]) setProblems((p) => ({ ...p, fields: { ...p.fields, [field]: undefined } }));
  };

  // Main stops at the first kind of problem it checks (the form's rules, then its own): what the
  // form can see itself is added, so every problem shows on the first click.
  const refuse = (error: AppErrorShape) => {
    const placed = placeProblems(error);
    setProblems({ ...placed, fields: { ...localProblems(values, knownProfiles, profile?.id ?? null), ...placed.fields } });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblems({ fields: {}, rest: null });
    let outcome;
    let changes = {};
    if (profile) {
      changes = updateInput(before, values).changes;
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      setBusy(true);
      outcome = await updateProfile(profile.id, changes);
    } else {
      setBusy(true);
      outcome = await createProfile(createInput(values));
    }
    setBusy(false);
    if (!outcome.ok) return refuse(outcome.error);
    const notes = [schemeNote(values.baseUrl, outcome.profile.baseUrl), profile ? credentialsRemovedNote(profile, outcome.profile, changes) : null].filter((n): n is string => n !== null);
    onDone(outcome.profile, notes.length > 0 ? notes.map((n) => n.replace(/\.$/, '')).join('; ') + '.' : null);
  };

  const title = profile ? `Edit profile ${profile.name}` : 'New profile';
  return (
    <Dialog title={title} onClose={onClose}>
      <form aria-label={title} className="profile-form" noValidate onSubmit={(e) => void submit(e)}>
        <TextField field="name" values={values} problems={problems.fields} onChange={change} />
        <TextField field="baseUrl" values={values} problems={problems.fields} onChange={change} />
        <div className="profile-field">
          <label htmlFor={regionId}>{FIELD_LABELS.defaultRegion}</label>
          <select id={regionId} value={values.defaultRegion} onChange={(e) => change('defaultRegion', e.target.value)}>
            <option value="US">US</option>
            <option value="EU">EU</option>
          </select>
        </div>
        <fieldset className="profile-advanced">
          <legend>Connection settings</legend>
          <TextField field="tokenUrl" values={values} problems={problems.fields} onChange={change} />
          <TextField field="organizationId" values={values} problems={problems.fields} onChange={change} />
          <TextField field="proxy" values={values} problems={problems.fields} onChange={change} />
          <TextField field="caFile" values={values} problems={problems.fields} onChange={change} />
        </fieldset>
        {profile && <p className="field-hint">Changing the URLs, the proxy or the CA file removes the saved credentials, because they were entered for the old settings.</p>}
        {problems.rest && <ErrorPanel error={problems.rest} profileFixes={false} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !values.name.trim()}>
            {profile ? 'Save' : 'Create profile'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Says what goes with the profile before it goes. */
export function DeleteProfileDialog({ profile, onClose, onDeleted, fallbackFocus }: { profile: ProfileView; onClose(): void; onDeleted(): void; fallbackFocus?: () => HTMLElement | null }) {
  const remove = useProfilesStore((s) => s.remove);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    const failure = await remove(profile.id);
    setBusy(false);
    if (failure) return setError(failure);
    notify(`Profile “${profile.name}” deleted.`);
    onDeleted();
  };
  return (
    <Dialog title={`Delete profile ${profile.name}?`} onClose={onClose} {...(fallbackFocus ? { fallbackFocus } : {})}>
      <p className="profile-confirm">
        The profile “{profile.name}” and its keychain entry (its saved client id and secret) will be deleted. Workspaces on the API are not touched.
      </p>
      {error && <ErrorPanel error={error} profileFixes={false} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
          Delete profile
        </button>
      </div>
    </Dialog>
  );
}
