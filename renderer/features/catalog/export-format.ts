/**
 * Evidence: a query result formatted as JSON, CSV or a Markdown table, with a header naming the source, the
 * query, the time and the profile. Pure functions (no DOM), unit-tested; the download is `downloadFile` (renderer/ui/download.ts).
 */

export type ExportFormat = 'json' | 'csv' | 'markdown';

export interface ExportHeader {
  /** E.g. "Postgres - bigdata (bigdata-us-demo)". */
  source: string;
  query: string;
  /** ISO time of the evaluation. */
  time: string;
  profile: string;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** Why a result cannot be written as a table, or null when it can. */
export function tableShapeProblem(result: unknown): string | null {
  if (!Array.isArray(result)) return 'CSV and Markdown need a list (of objects or of plain values); this result is not a list.';
  for (const item of result) {
    if (isPlainObject(item)) continue;
    if (Array.isArray(item)) return 'CSV and Markdown need a list of objects or of plain values; this list holds lists.';
  }
  return null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Columns and cell values of a list: objects give one column per key (first-seen order), plain values one "value" column. */
export function tabulate(result: unknown): { columns: string[]; rows: unknown[][] } {
  const problem = tableShapeProblem(result);
  if (problem) throw new Error(problem);
  const items = result as unknown[];
  const objects = items.some(isPlainObject);
  if (!objects) return { columns: ['value'], rows: items.map((v) => [v]) };
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (!isPlainObject(item)) continue;
    for (const key of Object.keys(item)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  if (items.some((v) => !isPlainObject(v)) && !seen.has('value')) columns.push('value');
  const rows = items.map((item) => (isPlainObject(item) ? columns.map((c) => item[c]) : columns.map((c) => (c === 'value' ? item : undefined))));
  return { columns, rows };
}

/** A cell as text: strings as they are, null/missing empty, everything else as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** RFC 4180 quoting: fields with a comma, quote, CR or LF are quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One header line per fact; the query's line breaks are kept as further `#` lines. Each line is one CSV
 * field, quoted like any other: a CSV reader (Excel, Python's csv) sees a one-cell row, never a query's
 * commas splitting it into junk columns.
 */
function csvHeader(header: ExportHeader): string {
  const lines = [`Source: ${header.source}`, `Profile: ${header.profile}`, `Time: ${header.time}`, ...header.query.split(/\r\n|\r|\n/).map((l, i) => (i === 0 ? `Query: ${l}` : `       ${l}`))];
  return lines.map((l) => csvField(`# ${l}`)).join('\r\n') + '\r\n';
}

export function formatCsv(result: unknown, header: ExportHeader): string {
  const { columns, rows } = tabulate(result);
  const body = [columns, ...rows.map((row) => row.map(cellText))].map((cells) => cells.map((c) => csvField(String(c))).join(',')).join('\r\n');
  return csvHeader(header) + body + '\r\n';
}

/** Markdown cell: pipes escaped, line breaks as <br>. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>');
}

export function formatMarkdown(result: unknown, header: ExportHeader): string {
  const { columns, rows } = tabulate(result);
  const fence = header.query.includes('`') ? '``' : '`';
  const pad = fence === '``' ? ' ' : '';
  const intro =
    `**Source:** ${markdownCell(header.source)}  \n` +
    `**Profile:** ${markdownCell(header.profile)}  \n` +
    `**Time:** ${header.time}  \n` +
    `**Query:** ${fence}${pad}${header.query.replace(/\r\n|\r|\n/g, ' ')}${pad}${fence}\n`;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const table = [line(columns.map(markdownCell)), line(columns.map(() => '---')), ...rows.map((row) => line(row.map((v) => markdownCell(cellText(v)))))];
  return `${intro}\n${table.join('\n')}\n`;
}

/** JSON export: the header as members beside the result. */
export function formatJson(result: unknown, header: ExportHeader): string {
  return JSON.stringify({ source: header.source, profile: header.profile, time: header.time, query: header.query, result }, null, 2) + '\n';
}

/** A file name from the source and the time: letters, digits, dashes only. */
export function exportFileName(header: ExportHeader, format: ExportFormat): string {
  const base = `${header.source}-${header.time}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'query-result';
  return `${base}.${format === 'markdown' ? 'md' : format}`;
}

export function formatExport(result: unknown, header: ExportHeader, format: ExportFormat): ExportFile {
  const fileName = exportFileName(header, format);
  if (format === 'json') return { fileName, mimeType: 'application/json', text: formatJson(result, header) };
  if (format === 'csv') return { fileName, mimeType: 'text/csv', text: formatCsv(result, header) };
  return { fileName, mimeType: 'text/markdown', text: formatMarkdown(result, header) };
}
