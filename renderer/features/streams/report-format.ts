/**
 * A run's report per stream as evidence (CSV, Markdown), with a header naming the source, the run and the
 * time. Pure functions; the download goes through `downloadFile` (renderer/ui/download.ts).
 */
import type { RunResult, RunSummary } from '../../../preload/contract';
import { csvField, markdownCell, type ExportFile } from '../catalog/export-format';

export interface ReportHeader {
  source: string;
  profile: string;
  time: string;
}

const config = (c: RunResult['before']): string => (c ? `${c.sync_mode}/${c.destination_sync_mode} cursor=${c.cursor_field.join('.') || '-'} key=${c.primary_key.map((p) => p.join('.')).join('+') || '-'}` : 'not configured');
const COLUMNS = ['stream', 'request', 'outcome', 'status', 'attempts', 'error', 'before', 'after'];
const cells = (r: RunResult): string[] => [r.streamName, r.kind, r.outcome, r.status === null ? '' : String(r.status), String(r.attempts), r.error ?? '', config(r.before), r.outcome === 'applied' ? config(r.after) : ''];

function facts(run: RunSummary, header: ReportHeader): string[] {
  return [
    `Source: ${header.source}`,
    `Profile: ${header.profile}`,
    `Run: ${run.runId} (${run.label})`,
    `Catalog discovered: ${run.catalogDiscoveredAt}`,
    `Started: ${run.startedAt}; finished: ${run.finishedAt ?? 'not finished'}; state: ${run.state}`,
    `Totals: ${run.applied} applied, ${run.failed} failed, ${run.pending} pending, ${run.skipped} skipped of ${run.total}`,
    'Not atomic across streams: each stream was sent on its own; the rows say exactly which changed.',
    `Exported: ${header.time}`,
  ];
}

export function formatRunCsv(run: RunSummary, results: readonly RunResult[], header: ReportHeader): string {
  const head = facts(run, header).map((l) => `# ${l}`).join('\r\n');
  const body = [COLUMNS, ...results.map(cells)].map((row) => row.map(csvField).join(',')).join('\r\n');
  return `${head}\r\n${body}\r\n`;
}

export function formatRunMarkdown(run: RunSummary, results: readonly RunResult[], header: ReportHeader): string {
  const intro = facts(run, header).map((l) => `${markdownCell(l)}  `).join('\n');
  const line = (row: string[]) => `| ${row.map(markdownCell).join(' | ')} |`;
  return `${intro}\n\n${[line(COLUMNS), line(COLUMNS.map(() => '---')), ...results.map((r) => line(cells(r)))].join('\n')}\n`;
}

export function runReportFile(run: RunSummary, results: readonly RunResult[], header: ReportHeader, format: 'csv' | 'markdown'): ExportFile {
  const base = `run-${run.runId}-${header.time}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
  return format === 'csv'
    ? { fileName: `${base}.csv`, mimeType: 'text/csv', text: formatRunCsv(run, results, header) }
    : { fileName: `${base}.md`, mimeType: 'text/markdown', text: formatRunMarkdown(run, results, header) };
}
