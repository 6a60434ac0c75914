/**
 * The one text form of a draft file, so that pulling twice or saving without a change gives the same
 * bytes and `git diff` shows real changes only: top-level keys in the draft schema's order
 * (`server_fields` last), every nested key in code point order, `tags` and the stream whitelist as
 * sorted sets (their order is noise to the API), other arrays as they are, two-space indent, one
 * trailing newline.
 */
import { compareCodePoints, sortedSet, stableStringify } from './canonical-json';

/** The schema's field order per kind of draft (kept in step with preload/contract/drafts.ts by a test). */
export const DRAFT_KEY_ORDER = {
  source_template: ['kind', 'name', 'actor_definition_id', 'connector_name', 'mode', 'partial_default_config', 'customization', 'tags', 'server_fields'],
  user_hosted: [
    'kind',
    'data_hosting_type',
    'destination_name',
    'destination_definition_id',
    'destination_config',
    'cron_expression',
    'non_breaking_changes_preference',
    'sync_on_create',
    'tags',
    'server_fields',
  ],
  airbyte_hosted: ['kind', 'data_hosting_type', 'label', 'cron_expression', 'tags', 'server_fields'],
} as const;

type DraftObject = Record<string, unknown>;
const isObject = (value: unknown): value is DraftObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function orderFor(draft: DraftObject): readonly string[] {
  if (draft.kind === 'source_template') return DRAFT_KEY_ORDER.source_template;
  return draft.data_hosting_type === 'airbyte_hosted' ? DRAFT_KEY_ORDER.airbyte_hosted : DRAFT_KEY_ORDER.user_hosted;
}

/** Set-valued fields in their one order; everything else untouched (a shallow copy where changed). */
export function normalizeDraftSets<T extends DraftObject>(draft: T): T {
  const out: DraftObject = { ...draft };
  if (Array.isArray(draft.tags)) out.tags = sortedSet(draft.tags.filter((t): t is string => typeof t === 'string'));
  if (isObject(draft.customization) && Array.isArray(draft.customization.stream_whitelist)) {
    out.customization = { ...draft.customization, stream_whitelist: sortedSet(draft.customization.stream_whitelist.filter((t): t is string => typeof t === 'string')) };
  }
  return out as T;
}

/** Known keys in schema order, then anything else in code point order, `server_fields` always last. */
function topKeys(draft: DraftObject): string[] {
  const order = orderFor(draft);
  const present = Object.keys(draft).filter((k) => draft[k] !== undefined);
  const known = order.filter((k) => k !== 'server_fields' && present.includes(k));
  const other = present.filter((k) => !(order as readonly string[]).includes(k)).sort(compareCodePoints);
  return [...known, ...other, ...(present.includes('server_fields') ? ['server_fields'] : [])];
}

/** The file text of a draft. */
export function serializeDraft(draft: DraftObject): string {
  return `${stableStringify(normalizeDraftSets(draft), 2, topKeys)}\n`;
}
