import { describe, expect, it } from 'vitest';
import { formatCsv, formatExport, formatJson, formatMarkdown, tableShapeProblem } from '../../renderer/features/catalog/export-format';
import { namespaceCountsQuery } from '../../renderer/features/catalog/starter-queries';
import { search } from '../../lib/jmespath';

const header = { source: 'Warehouse (bigdata-us-demo)', query: "streams[?a == 'x'].name", time: '2026-11-22T03:00:00.000Z', profile: 'Sandbox' };

describe('export formats', () => {
  it('CSV: # header lines, a value column for strings, RFC 4180 quoting', () => {
    const csv = formatCsv(['a', 'b,c', 'say "hi"'], header);
    expect(csv).toBe(
      "# Source: Warehouse (bigdata-us-demo)\r\n# Profile: Sandbox\r\n# Time: 2026-11-22T03:00:00.000Z\r\n# Query: streams[?a == 'x'].name\r\nvalue\r\na\r\n\"b,c\"\r\n\"say \"\"hi\"\"\"\r\n",
    );
  });
  it('CSV: objects give one column per key, nested values as JSON, missing empty', () => {
    const csv = formatCsv([{ name: 's1', pk: [['id']] }, { name: 's2', extra: null }], header);
    expect(csv.split('\r\n').slice(4)).toEqual(['name,pk,extra', 's1,"[[""id""]]",', 's2,,', '']);
  });
  it('Markdown: a header paragraph, escaped pipes', () => {
    const md = formatMarkdown([{ name: 'a|b' }], header);
    expect(md).toContain('**Source:** Warehouse (bigdata-us-demo)');
    expect(md).toContain('**Profile:** Sandbox');
    expect(md).toContain("**Query:** `streams[?a == 'x'].name`");
    expect(md).toContain('| name |\n| --- |\n| a\\|b |');
  });
  it('JSON: the header beside the result', () => {
    expect(JSON.parse(formatJson([1], header))).toEqual({ ...header, result: [1] });
    expect(formatExport([1], header, 'markdown').fileName).toMatch(/^Warehouse-bigdata-us-demo-2026-11-22T03-00-00-000Z\.md$/);
  });
  it('refuses non-tabular results for CSV and Markdown', () => {
    expect(tableShapeProblem({ a: 1 })).toMatch(/not a list/);
    expect(tableShapeProblem([[1]])).toMatch(/holds lists/);
    expect(() => formatCsv(5, header)).toThrow();
  });
});

describe('starter queries', () => {
  it('counts by namespace names each namespace of the catalog and evaluates', () => {
    const rows = [
      { index: 0, name: 'a', namespace: 'fin', syncModes: [], sourceDefinedCursor: false, defaultCursor: null, primaryKey: null, fieldCount: 1 },
      { index: 1, name: 'b', namespace: "o'ps", syncModes: [], sourceDefinedCursor: false, defaultCursor: null, primaryKey: null, fieldCount: 1 },
      { index: 2, name: 'c', namespace: 'fin', syncModes: [], sourceDefinedCursor: false, defaultCursor: null, primaryKey: null, fieldCount: 1 },
    ];
    const q = namespaceCountsQuery(rows);
    const data = { streams: [{ namespace: 'fin' }, { namespace: "o'ps" }, { namespace: 'fin' }] };
    expect(search(data, q.query)).toEqual({ fin: 2, "o'ps": 1 });
  });
});
