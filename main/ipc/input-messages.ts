import type { z } from 'zod';
import type { FieldIssue } from '../../preload/contract';

/**
 * Turns a refused input into words a person reads next to the field: "Base URL must be an http(s)
 * URL." — no channel name, no schema jargon ("Too big: expected string to have <=80 characters"),
 * one sentence per field (zod reports a failed format and a failed refinement of the same field
 * separately; the schema's own words win).
 */

const ACRONYMS: Record<string, string> = { url: 'URL', id: 'ID', ids: 'IDs', ca: 'CA', uuid: 'UUID', json: 'JSON', cron: 'cron' };

/** `baseUrl`, `client_secret`, `draft.partial_default_config` → "Base URL", "Client secret", "Partial default config". */
export function fieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const last = [...path].reverse().find((part) => typeof part === 'string');
  if (last === undefined) return path.length === 0 ? 'The input' : 'An item';
  const words = String(last)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.toLowerCase());
  const text = words.join(' ') || 'The input';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Issue = z.core.$ZodIssue;

/** Zod's own default texts, which name types and operators, in words. Null when the schema gave its own words. */
function plainDefault(issue: Issue): string | null {
  const units = (origin: unknown) => (origin === 'string' ? 'characters' : origin === 'array' ? 'items' : '');
  switch (issue.code) {
    case 'too_big': {
      if (!issue.message.startsWith('Too big')) return null;
      return `is too long (at most ${String(issue.maximum)} ${units(issue.origin)})`.replace(/ \)$/, ')');
    }
    case 'too_small': {
      if (!issue.message.startsWith('Too small')) return null;
      return Number(issue.minimum) <= 1 && issue.origin === 'string' ? 'is required' : `is too short (at least ${String(issue.minimum)} ${units(issue.origin)})`.replace(/ \)$/, ')');
    }
    case 'invalid_type':
      if (!issue.message.startsWith('Invalid input')) return null;
      return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'string' ? 'text' : issue.expected === 'number' || issue.expected === 'int' ? 'a number' : issue.expected === 'boolean' ? 'on or off' : `a ${issue.expected}`}`;
    case 'invalid_format':
      if (issue.format === 'url' && issue.message === 'Invalid URL') return 'is not a valid URL';
      return issue.message.startsWith('Invalid') ? `is not in the expected form (${issue.format})` : null;
    case 'invalid_value':
      return issue.message.startsWith('Invalid') ? `must be one of: ${issue.values.map(String).join(', ')}` : null;
    default:
      return issue.message.startsWith('Invalid input') ? 'is not valid here' : null;
  }
}

/** "must …", "is …", "has …" read on from the label; anything else follows a colon. */
function sentence(label: string, words: string): string {
  const text = words.trim().replace(/\.$/, '');
  // A schema that already names its field ("name is required") reads as it is.
  if (text.toLowerCase().startsWith(`${label.toLowerCase()} `)) return `${label}${text.slice(label.length)}.`;
  return /^(must|is|are|has|have|should|can|cannot|contains)\b/.test(text) ? `${label} ${text}.` : `${label}: ${text}.`;
}

export function describeInvalidInput(error: z.ZodError): { message: string; issues: FieldIssue[] } {
  const byPath = new Map<string, { issue: Issue; own: boolean }>();
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    const own = plainDefault(issue) === null;
    const seen = byPath.get(key);
    // One sentence per field: the schema's own words beat zod's defaults; otherwise the first.
    if (!seen || (own && !seen.own)) byPath.set(key, { issue, own });
  }
  const issues: FieldIssue[] = [...byPath.entries()].map(([key, { issue }]) => ({
    path: key === '' ? '(input)' : key,
    message: sentence(fieldLabel(issue.path), plainDefault(issue) ?? issue.message),
  }));
  const first = issues[0]?.message ?? 'That input was not understood.';
  const more = issues.length - 1;
  return { message: more > 0 ? `${first} (${more} more ${more === 1 ? 'problem' : 'problems'} below.)` : first, issues };
}
