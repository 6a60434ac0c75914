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

/** True when main saved `saved` for `typed` only by putting `https://` in front (api.airbyte.ai). */
export function schemeWasAdded(typed: string, saved: string): boolean {
  const text = typed.trim();
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && saved === `https://${text}`;
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
