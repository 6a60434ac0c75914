import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../renderer/features/catalog/export-format';

// The CSV export read back by a real CSV reader (Python's csv module, the reader customers' scripts use):
// the header facts are one-cell rows, the table keeps its columns, whatever commas and quotes the query,
// the source name and the values carry. (A new user's Python read `# Query: …, …` as junk columns.)

const readWithPython = (text: string): string[][] =>
  JSON.parse(execFileSync('python3', ['-c', 'import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))'], { input: text, encoding: 'utf8' })) as string[][];

describe('CSV export, read by Python csv', () => {
  it('header lines are single cells; rows keep their columns', () => {
    const header = {
      source: 'Warehouse, "EU" (bigdata-us-demo)',
      profile: 'Sandbox',
      time: '2026-11-22T03:00:00.000Z',
      query: "streams[?contains(supported_sync_modes, 'incremental')]\n  .{name: name, pk: source_defined_primary_key}",
    };
    const csv = formatCsv([{ name: 'a,b', pk: [['id']] }, { name: 'say "hi"', pk: null }], header);
    const rows = readWithPython(csv);
    expect(rows.slice(0, 5)).toEqual([
      ['# Source: Warehouse, "EU" (bigdata-us-demo)'],
      ['# Profile: Sandbox'],
      ['# Time: 2026-11-22T03:00:00.000Z'],
      ["# Query: streams[?contains(supported_sync_modes, 'incremental')]"],
      ['#          .{name: name, pk: source_defined_primary_key}'],
    ]);
    expect(rows.slice(5)).toEqual([
      ['name', 'pk'],
      ['a,b', '[["id"]]'],
      ['say "hi"', ''],
    ]);
  });
});
