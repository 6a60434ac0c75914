import type { AppErrorShape, ProfileView } from '../../../preload/contract';

/** The fields of the profile form, in the order shown. */
export const PROFILE_FIELDS = ['name', 'baseUrl', 'tokenUrl', 'organizationId', 'defaultRegion', 'proxy', 'caFile'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export type ProfileFormValues = Record<ProfileField, string>;

/** The lengths `profileFieldsSchema` accepts, so an input stops where main would refuse. */
export const MAX_LENGTH: Record<Exclude<ProfileField, 'defaultRegion'>, number> = {
  name: 80,
  baseUrl: 2048,
  tokenUrl: 2048,
  organizationId: 36,
  proxy: 2048,
  caFile: 4096,
};

export const OPTIONAL_FIELDS = ['tokenUrl', 'organizationId', 'proxy', 'caFile'] as const;
type OptionalField = (typeof OPTIONAL_FIELDS)[number];

export const FIELD_LABELS: Record<ProfileField, string> = {
  name: 'Name',
  baseUrl: 'API base URL',
  tokenUrl: 'Token URL',
  organizationId: 'Organization ID',
  defaultRegion: 'Default region',
  proxy: 'Proxy',
  caFile: 'Extra CA file',
};

export const EMPTY_FORM: ProfileFormValues = { name: '', baseUrl: 'https://api.airbyte.ai', tokenUrl: '', organizationId: '', defaultRegion: 'US', proxy: '', caFile: '' };

export function formOf(profile: ProfileView): ProfileFormValues {
  return {
    name: profile.name,
    baseUrl: profile.baseUrl,
    tokenUrl: profile.tokenUrl ?? '',
    organizationId: profile.organizationId ?? '',
    defaultRegion: profile.defaultRegion,
    proxy: profile.proxy ?? '',
    caFile: profile.caFile ?? '',
  };
}

type Fields = { name: string; baseUrl: string; defaultRegion: 'US' | 'EU' } & Partial<Record<OptionalField, string>>;
/** A change: what is given changes; an optional setting given as null is removed. */
type ProfileChanges = Partial<Omit<Fields, OptionalField>> & Partial<Record<OptionalField, string | null>>;

/** What "Create profile" sends: empty optional fields are left out (main's defaults apply). */
export function createInput(values: ProfileFormValues): Fields {
  const fields: Fields = { name: values.name, baseUrl: values.baseUrl.trim(), defaultRegion: values.defaultRegion === 'EU' ? 'EU' : 'US' };
  for (const key of OPTIONAL_FIELDS) {
    const value = values[key].trim();
    if (value) fields[key] = value;
  }
  return fields;
}

/**
 * What "Save" sends: only what changed (a change of the URLs or proxy removes the saved secret, so
 * nothing unchanged may be sent as a change). An optional setting emptied is sent as null, which
 * removes it from the profile.
 */
export function updateInput(before: ProfileFormValues, values: ProfileFormValues): { changes: ProfileChanges } {
  const after = createInput(values);
  const changes: ProfileChanges = {};
  if (after.name !== before.name) changes.name = after.name;
  if (after.baseUrl !== before.baseUrl) changes.baseUrl = after.baseUrl;
  if (after.defaultRegion !== before.defaultRegion) changes.defaultRegion = after.defaultRegion;
  for (const key of OPTIONAL_FIELDS) {
    const value = after[key];
    if (value === undefined) {
      if (before[key]) changes[key] = null;
    } else if (value !== before[key]) changes[key] = value;
  }
  return { changes };
}

/**
 * The scheme main put in front of `typed` to save `saved` (`http://` for this machine, `https://`
 * otherwise), or null when it added nothing.
 */
export function addedScheme(typed: string, saved: string): 'http://' | 'https://' | null {
  const text = typed.trim();
  if (!text || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return null;
  if (saved === `https://${text}`) return 'https://';
  if (saved === `http://${text}`) return 'http://';
  return null;
}

/** The sentence that says which scheme was added, and why when it is plain http. */
export function schemeNote(typed: string, saved: string): string | null {
  const scheme = addedScheme(typed, saved);
  if (!scheme) return null;
  return scheme === 'http://' ? `http:// was added to the base URL because the server is on this machine: ${saved}.` : `https:// was added to the base URL: ${saved}.`;
}

/** The connection settings a saved secret is bound to, in words (main removes the secret when one changes). */
const BOUND_WORDS: Partial<Record<ProfileField, string>> = { baseUrl: 'API base URL', tokenUrl: 'token URL', proxy: 'proxy', caFile: 'extra CA file' };

/**
 * Why an edit removed the saved credentials, as the end of the "saved" sentence; null when it did not.
 * Main removes them whenever an address they were entered for changes (by design): the user must
 * hear it with the save, not discover it at the next call.
 */
export function credentialsRemovedNote(before: ProfileView, after: ProfileView, changes: object): string | null {
  if (!before.credentials.present || after.credentials.present || before.builtIn) return null;
  const changed = Object.keys(changes).map((key) => BOUND_WORDS[key as ProfileField]).filter((w): w is string => w !== undefined);
  const what = changed.length === 0 ? 'connection settings' : changed.length === 1 ? changed[0] : `${changed.slice(0, -1).join(', ')} and ${changed.at(-1)}`;
  return `its credentials were removed because the ${what} changed, so set them again`;
}

/** A path the main process will take as absolute (POSIX, or a Windows drive or share). */
const ABSOLUTE = /^(\/|[a-z]:[\\/]|\\\\)/i;

/**
 * What the form can tell before sending: a taken name (the list is at hand) and a CA file that is
 * not an absolute path. Merged with main's answer, so every problem shows on the first click, even
 * when main stops at the first kind it checks.
 */
export function localProblems(values: ProfileFormValues, profiles: readonly Pick<ProfileView, 'id' | 'name'>[], editingId: string | null): FormProblems['fields'] {
  const fields: FormProblems['fields'] = {};
  const key = (text: string) => text.trim().toLocaleLowerCase();
  const taken = values.name.trim() ? profiles.find((p) => p.id !== editingId && key(p.name) === key(values.name)) : undefined;
  if (taken) fields.name = `A profile named “${taken.name}” already exists. Choose another name.`;
  const ca = values.caFile.trim();
  if (ca && !ABSOLUTE.test(ca)) fields.caFile = 'The extra CA file must be an absolute path.';
  return fields;
}

export interface FormProblems {
  /** One sentence per field, shown under that field. */
  fields: Partial<Record<ProfileField, string>>;
  /** What belongs to no field (the keychain, the disk…), shown under the form; null when all were placed. */
  rest: AppErrorShape | null;
}

function fieldOf(path: string): ProfileField | null {
  const last = path.split('.').pop() ?? '';
  return (PROFILE_FIELDS as readonly string[]).includes(last) ? (last as ProfileField) : null;
}

/**
 * Puts a refusal next to the fields it is about. A single refused field gets the error's own
 * message (a whole sentence, where an issue of main's own checks may be a fragment); a taken name
 * (`conflict`) belongs to the name.
 */
export function placeProblems(error: AppErrorShape): FormProblems {
  const issues = error.details?.issues ?? [];
  if (error.code === 'conflict' && issues.length === 0) return { fields: { name: error.message }, rest: null };
  const fields: FormProblems['fields'] = {};
  const unplaced = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (!field) unplaced.push(issue);
    else if (!fields[field]) fields[field] = issues.length === 1 ? error.message : sentence(issue.message, field);
  }
  if (issues.length > 0 && unplaced.length === 0) return { fields, rest: null };
  if (issues.length === 0) return { fields, rest: error };
  return { fields, rest: { ...error, details: { ...error.details, issues: unplaced } } };
}

/** Main's own checks may say "must be an absolute path": read on from the field's label. */
function sentence(message: string, field: ProfileField): string {
  const text = message.trim();
  if (/^[A-Z]/.test(text)) return text.endsWith('.') ? text : `${text}.`;
  return `${FIELD_LABELS[field]} ${text.replace(/\.$/, '')}.`;
}
