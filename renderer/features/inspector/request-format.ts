import type { RequestLogEntry } from '../../../preload/contract';

export type StatusFilter = 'all' | '2xx' | '4xx' | '5xx' | 'failed';

export const STATUS_FILTERS: ReadonlyArray<{ value: StatusFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: '2xx', label: '2xx' },
  { value: '4xx', label: '4xx' },
  { value: '5xx', label: '5xx' },
  { value: 'failed', label: 'Failed' },
];

/** Whether a call belongs in the chosen status class; "failed" is a call that got no HTTP answer at all. */
export function matchesStatus(entry: Pick<RequestLogEntry, 'status'>, filter: StatusFilter): boolean {
  const { status } = entry;
  switch (filter) {
    case 'all':
      return true;
    case 'failed':
      return status === null;
    case '2xx':
      return status !== null && status >= 200 && status < 300;
    case '4xx':
      return status !== null && status >= 400 && status < 500;
    case '5xx':
      return status !== null && status >= 500 && status < 600;
  }
}

/**
 * JSON bodies indented for reading. A cut-off preview does not parse, so it is indented token by
 * token instead (`json: false`: not known to be whole). Anything else is shown as it came.
 */
export function prettyBody(text: string): { text: string; json: boolean } {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { text, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), json: true };
  } catch {
    return { text: indentJsonText(trimmed), json: false };
  }
}

/** Two-space indentation of JSON-like text without parsing it, so a body cut mid-way still reads like the whole would. */
export function indentJsonText(text: string): string {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = 0; // start of the pending run of plain characters
  const newline = () => '\n' + '  '.repeat(Math.max(0, depth));
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== '{' && c !== '[' && c !== '}' && c !== ']' && c !== ',' && c !== ':' && c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') continue;
    out.push(text.slice(start, i));
    start = i + 1;
    if (c === '{' || c === '[') {
      const next = text[i + 1];
      if (next === '}' || next === ']') {
        out.push(c + next);
        i++;
        start = i + 1;
      } else {
        depth++;
        out.push(c + newline());
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out.push(newline() + c);
    } else if (c === ',') out.push(',' + newline());
    else if (c === ':') out.push(': ');
    // Whitespace outside strings is dropped: the indentation replaces it.
  }
  out.push(text.slice(start));
  return out.join('');
}

// One formatter for sizes across the app (decimal units, as the Catalog shows them).
export { formatBytes } from '../../../lib/format/bytes';

/**
 * How much of the history the log holds: the `recent` calls of its ring (consecutive ids up to the
 * newest) and the `olderFailures` it keeps from before them (failures outlive the ring in main).
 */
export function logCoverage(entries: ReadonlyArray<Pick<RequestLogEntry, 'id'>>): { recent: number; olderFailures: number } {
  let recent = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const next = entries[i + 1];
    if (next && (entries[i] as Pick<RequestLogEntry, 'id'>).id !== next.id - 1) break;
    recent++;
  }
  return { recent, olderFailures: entries.length - recent };
}

/** "Last 500 calls + 12 earlier failures", or with a filter "3 shown of …": what the list covers, honestly. */
export function coverageText(entries: ReadonlyArray<Pick<RequestLogEntry, 'id'>>, shown: number | null): string {
  const { recent, olderFailures } = logCoverage(entries);
  const base = `last ${recent.toLocaleString()} ${recent === 1 ? 'call' : 'calls'}${olderFailures > 0 ? ` + ${olderFailures.toLocaleString()} earlier ${olderFailures === 1 ? 'failure' : 'failures'}` : ''}`;
  return shown === null ? base.charAt(0).toUpperCase() + base.slice(1) : `${shown.toLocaleString()} shown of the ${base}`;
}

/** The path and query of a logged URL (the host is the profile's, the same for every row). */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}
