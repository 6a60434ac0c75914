import { describe, expect, it } from 'vitest';
import { compile } from '../../lib/jmespath';
import { countLeafFields, diffCatalogs, parseCatalog, runQuery, streamText } from '../../renderer/features/catalog/worker/catalog-engine';
import type { LoadedCatalog } from '../../renderer/features/catalog/worker/catalog-engine';
import { completionsAt } from '../../renderer/features/catalog/worker/completions';

// The sandbox's large catalog (main/sandbox/catalogs.ts buildLargeCatalog), rebuilt here without Node's Buffer:
// 5,200 streams of 42 columns, plus odd names. Every 7th stream has no primary key, every 5th is full-refresh only.
const DOMAINS = ['finance', 'sales', 'marketing', 'ops', 'hr', 'product', 'support', 'logistics'];
const ENTITIES = ['accounts', 'invoices', 'ledger_entries', 'payments', 'refunds', 'orders', 'order_lines', 'quotes', 'leads', 'campaigns', 'clicks', 'sessions', 'shipments', 'inventory', 'suppliers', 'employees', 'payroll', 'tickets', 'feedback', 'features', 'releases', 'experiments', 'contracts', 'budgets', 'forecasts', 'regions', 'territories', 'partners', 'warehouses', 'returns'];
const TYPES = ['string', 'integer', 'number', 'boolean', 'date-time', 'string', 'string', 'date'];
const ODD_NAME = 'we/ird~"quoted" \'name\' 😀';

function prop(type: string, description: string): Record<string, unknown> {
  const base = type === 'date-time' || type === 'date' ? { type: ['null', 'string'], format: type } : { type: ['null', type] };
  return { ...base, description };
}

function buildCatalogText(tables = 5200, columns = 40): string {
  const pieces: string[] = [];
  for (let i = 0; i < tables; i++) {
    const domain = DOMAINS[i % DOMAINS.length] as string;
    const entity = ENTITIES[Math.floor(i / DOMAINS.length) % ENTITIES.length] as string;
    const name = i === 17 ? ODD_NAME : `${domain}_${entity}_v${Math.floor(i / (DOMAINS.length * ENTITIES.length))}`;
    const properties: Record<string, unknown> = { id: prop('integer', `Primary key of ${domain}.${name}.`) };
    if (i % 4 !== 0) properties.updated_at = prop('date-time', 'Last modification time.');
    for (let c = 0; c < columns; c++) {
      const type = TYPES[(i + c) % TYPES.length] as string;
      properties[`${entity.slice(0, -1)}_attribute_${String(c).padStart(2, '0')}`] = prop(type, `Column ${c} of ${domain}.${name}: ${type} value copied nightly.`);
    }
    pieces.push(
      JSON.stringify({
        name,
        namespace: domain,
        supported_sync_modes: i % 5 === 0 ? ['full_refresh'] : ['full_refresh', 'incremental'],
        source_defined_cursor: i % 3 !== 0,
        default_cursor_field: ['updated_at'],
        ...(i % 7 === 0 ? {} : { source_defined_primary_key: [['id']] }),
        json_schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties },
      }),
    );
  }
  return `{"catalog":{"streams":[${pieces.join(',')}]}}`;
}

const TEXT = buildCatalogText();
const catalog: LoadedCatalog = parseCatalog(TEXT);

const ok = (c: LoadedCatalog, expression: string) => {
  const r = runQuery(c, expression);
  if (!r.ok) throw new Error(`${expression}: ${r.error.message}`);
  return { ...r, value: JSON.parse(r.resultText) as unknown };
};

describe('catalog engine: load and index', () => {
  it('parses a 5,200-stream catalog once and indexes its streams', () => {
    expect(catalog.streams).toHaveLength(5200);
    expect(catalog.rows).toHaveLength(5200);
    expect(catalog.rows[1]).toEqual({
      index: 1,
      name: 'sales_accounts_v0',
      namespace: 'sales',
      syncModes: ['full_refresh', 'incremental'],
      sourceDefinedCursor: true,
      defaultCursor: ['updated_at'],
      primaryKey: [['id']],
      fieldCount: 42,
    });
    expect(catalog.rows[0]?.primaryKey).toBeNull();
    expect(catalog.rows[0]?.fieldCount).toBe(41);
    expect(catalog.rows[17]?.name).toBe(ODD_NAME);
  });

  it('accepts the bytes (ArrayBuffer) as well as the string', () => {
    const bytes = new TextEncoder().encode('{"catalog":{"streams":[{"name":"é😀","json_schema":{}}]}}');
    const c = parseCatalog(bytes.buffer);
    expect(c.rows[0]).toMatchObject({ name: 'é😀', namespace: null, syncModes: [], defaultCursor: null, primaryKey: null, fieldCount: 0 });
  });

  it('counts leaf fields, nested objects and arrays of objects included', () => {
    const schema = {
      properties: {
        a: { type: 'string' },
        b: { type: 'object', properties: { c: {}, d: { properties: { e: {}, f: {} } } } },
        g: { type: 'array', items: { properties: { h: {}, i: {} } } },
        j: { type: 'object', properties: {} },
      },
    };
    expect(countLeafFields(schema)).toBe(1 + 3 + 2 + 1);
  });

  it('a 0-stream catalog', () => {
    const c = parseCatalog('{"catalog":{"streams":[]}}');
    expect(c.rows).toEqual([]);
    expect(ok(c, 'length(streams)').value).toBe(0);
    expect(ok(c, 'streams[*].name').value).toEqual([]);
    expect(completionsAt(c, 'streams[0].', 11).items).toEqual([]);
  });

  it('text that is not JSON, or not a catalog, is refused in words', () => {
    expect(() => parseCatalog('<html>502 Bad Gateway</html>')).toThrow(/^The catalog is not JSON: /);
    expect(() => parseCatalog('')).toThrow('The catalog is empty (no text was received).');
    expect(() => parseCatalog('{"streams_": []}')).toThrow(/not a catalog/);
    expect(() => parseCatalog(new Uint8Array([0x7b, 0xff, 0x7d]).buffer)).toThrow('The catalog is not valid UTF-8 text.');
  });

  it('stream text is one stream, pretty-printed', () => {
    const text = streamText(catalog, 17);
    expect(JSON.parse(text)).toEqual(catalog.streams[17]);
    expect(text).toContain('\n  "name": ');
    expect(() => streamText(catalog, 5200)).toThrow('There is no stream #5200 (the catalog has 5200).');
  });
});

describe('catalog engine: queries', () => {
  it('answers against {streams} with a count and a time', () => {
    const r = ok(catalog, 'streams[?contains(supported_sync_modes, `"incremental"`)].name');
    expect(r.count).toBe(5200 - 1040);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(ok(catalog, 'length(streams)')).toMatchObject({ value: 5200, count: null });
  });

  it('finds the odd stream name by every quoting', () => {
    const raw = `streams[?name == '${ODD_NAME.replace(/'/g, "\\'")}'].namespace`;
    expect(ok(catalog, raw).value).toEqual(['sales']);
    const json = `streams[?name == \`${JSON.stringify(ODD_NAME)}\`] | [0].name`;
    expect(ok(catalog, json).value).toBe(ODD_NAME);
    expect(ok(catalog, 'length(streams[17].name)').value).toBe(Array.from(ODD_NAME).length); // code points, as Python
  });

  it('errors carry kind, Python message and UTF-16 position', () => {
    const r = runQuery(catalog, 'streams[*].');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'parse', position: 11, token: { type: 'eof' }, summary: 'Syntax error: the expression ends at column 11 where more is expected.' });
    expect(r.error.message).toContain('Parse error at column 11');
    const p = runQuery(catalog, "'😀' | foo[");
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error.position).toBe(11); // UTF-16 units (Python says column 10)
    const t = runQuery(catalog, "'a' < `1`");
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.error).toMatchObject({ kind: 'type', pythonType: 'TypeError', position: null });
    if (!t.ok) expect(t.error.summary).toContain('500');
    // In words first: what the comparison asked, how to fix it; Python's own text kept in brackets.
    const w = runQuery(catalog, 'streams[?name > `1`].name');
    if (w.ok) throw new Error('a string compared with a number must fail as on the server');
    expect(w.error.summary).toBe(
      "“>” compares two numbers or two strings; here it compared a string with a number. Compare like with like (quote the number as a raw string 'x', or use a number literal `1` against a number field) — the server answers 500 Internal Server Error (TypeError: '>' not supported between instances of 'str' and 'int').",
    );
  });

  it('a 100 KB query gets a clear answer, without hanging', () => {
    const long = 'x'.repeat(100 * 1024);
    const filters = [
      `streams[?name == '${long}'].name`,
      `${'a.'.repeat(50 * 1024)}a`,
      `${'('.repeat(50 * 1024)}name${')'.repeat(50 * 1024)}`,
      `${'['.repeat(100 * 1024)}`,
    ];
    for (const expression of filters) {
      const start = performance.now();
      const r = runQuery(catalog, expression);
      const ms = performance.now() - start;
      expect(ms).toBeLessThan(5000);
      if (r.ok) expect(typeof r.resultText).toBe('string');
      else expect(r.error.summary.length).toBeGreaterThan(0);
      console.log(`100 KB query ${expression.slice(0, 12)}…: ${r.ok ? `ok ${r.resultText.slice(0, 20)}` : `${r.error.kind}: ${r.error.summary.slice(0, 80)}`} (${ms.toFixed(0)} ms)`);
    }
    expect(ok(catalog, filters[0] as string).value).toEqual([]);
  });

  it('caps a huge result with a note', () => {
    const r = runQuery(catalog, 'streams', 1024 * 1024);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.truncated).toBe(true);
    expect(r.count).toBe(5200);
    expect(r.totalChars).toBeGreaterThan(1024 * 1024);
    expect(r.resultText).toMatch(/… result cut here: the first 1\.0 MB of \d+\.\d MB are shown/);
  });
});

describe('catalog engine: diff', () => {
  it('reports added, removed and changed streams by namespace + name', () => {
    const previous = JSON.parse(TEXT) as { catalog: { streams: Array<Record<string, unknown>> } };
    const streams = previous.catalog.streams;
    streams.splice(3, 1); // so stream 3 is "added" now
    streams.push({ name: 'gone', namespace: 'x', json_schema: {}, supported_sync_modes: ['full_refresh'] });
    (streams[0] as Record<string, unknown>).source_defined_cursor = true; // changed
    const s5 = streams[5] as Record<string, unknown>;
    streams[5] = Object.fromEntries(Object.entries(s5).reverse()); // key order only: unchanged
    const previousText = JSON.stringify(previous);
    const start = performance.now();
    const d = diffCatalogs(catalog, previousText);
    console.log(`diff of two 5,200-stream catalogs: ${(performance.now() - start).toFixed(0)} ms`);
    expect(d.added).toEqual([{ namespace: 'ops', name: 'ops_accounts_v0' }]);
    expect(d.removed).toEqual([{ namespace: 'x', name: 'gone' }]);
    expect(d.changed).toEqual([{ namespace: 'finance', name: 'finance_accounts_v0' }]);
    expect(d.unchanged).toBe(5198);
  });
});

describe('catalog engine: completions', () => {
  const labels = (expression: string, offset = expression.length) => completionsAt(catalog, expression, offset).items.map((i) => i.label);

  it('after streams[0]. → the keys of a stream', () => {
    const list = completionsAt(catalog, 'streams[0].', 11);
    expect(list.items.map((i) => i.label).sort()).toEqual(['default_cursor_field', 'json_schema', 'name', 'namespace', 'source_defined_cursor', 'supported_sync_modes'].sort());
    expect(list).toMatchObject({ replaceStart: 11, replaceEnd: 11 });
    const partial = completionsAt(catalog, 'streams[0].na', 13);
    expect(partial).toMatchObject({ replaceStart: 11, replaceEnd: 13 });
  });

  it('after streams[*].json_schema.properties. → property names across streams, bounded', () => {
    const list = completionsAt(catalog, 'streams[*].json_schema.properties.', 34);
    expect(list.items[0]).toMatchObject({ label: 'id', kind: 'field', detail: 'field · in 5,200 of 5,200' });
    expect(list.items.map((i) => i.label)).toContain('updated_at');
    expect(list.items.length).toBeLessThanOrEqual(200);
    expect(list.incomplete).toBe(true); // 30 entities × 40 columns
  });

  it('inside a filter, members of the filtered elements; at the root, streams and functions', () => {
    expect(labels('streams[?json_schema.properties.upd')).toContain('updated_at');
    expect(labels('streams[?sou')).toContain('source_defined_cursor');
    expect(labels('streams[?contains(supported_sync_modes, `"incremental"`) && source_')).toContain('source_defined_primary_key');
    const root = completionsAt(catalog, '', 0).items;
    expect(root[0]).toMatchObject({ label: 'streams', kind: 'field' });
    expect(root.find((i) => i.label === 'contains')).toMatchObject({ kind: 'function', insertText: 'contains(', detail: 'contains(subject: array|string, search: any) -> boolean' });
    expect(labels('streams | [0].')).toContain('json_schema');
    expect(labels('streams[*].{n: name, s: json_schema.')).toEqual(['$schema', 'type', 'properties'].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('stream names inside quotes, escaped for the quote', () => {
    const raw = completionsAt(catalog, "streams[?name == 'we/", 21);
    expect(raw.items).toHaveLength(1);
    expect(raw.items[0]).toMatchObject({ label: ODD_NAME, kind: 'stream', insertText: `we/ird~"quoted" \\'name\\' 😀'` });
    expect(raw.replaceStart).toBe(18);
    const quoted = completionsAt(catalog, 'streams[?name == "we/ird"', 24);
    expect(quoted.items[0]?.insertText).toBe('we/ird~\\"quoted\\" \'name\' 😀'); // closing quote already there
    const all = completionsAt(catalog, "streams[?name == '", 18);
    expect(all.items).toHaveLength(200); // ~650 distinct names: bounded
    expect(all.incomplete).toBe(true);
  });

  it('nothing to offer after a complete token', () => {
    expect(labels('streams[0] ')).toEqual([]);
    expect(labels('streams[0].name == ')).toContain('streams');
  });
  it('typing on after a path answers from the names computed for it (the same list, for that catalog only)', () => {
    const fresh = parseCatalog(buildCatalogText(40, 3));
    const first = completionsAt(fresh, 'streams[*].json_schema.properties.', 34);
    const typedOn = completionsAt(fresh, 'streams[*].json_schema.properties.upd', 37);
    expect(typedOn.items).toEqual(first.items);
    expect(typedOn).toMatchObject({ replaceStart: 34, replaceEnd: 37, incomplete: first.incomplete });
    // A list handed out is the caller's: changing it changes no later answer.
    (typedOn.items[0] as { label: string }).label = 'changed';
    expect(completionsAt(fresh, 'streams[*].json_schema.properties.u', 35).items[0]?.label).toBe(first.items[0]?.label);
    // Another catalog has its own names; a quote after the path asks afresh, with its own insert text.
    expect(completionsAt(catalog, 'streams[*].json_schema.properties.', 34).items.length).toBe(200);
    expect(completionsAt(fresh, 'streams[*].json_schema.properties."', 35).items[0]?.insertText.endsWith('"')).toBe(true);
    expect(completionsAt(fresh, 'streams[*].json_schema.properties.""', 35).items[0]?.insertText.endsWith('"')).toBe(false);
  });
});

describe('catalog engine: speed of the starter queries on 5,200 streams (printed, not asserted tightly)', () => {
  const starters: Array<{ expression: string; loop: (streams: Array<Record<string, unknown>>) => unknown }> = [
    {
      expression: "streams[?contains(supported_sync_modes, 'incremental')].name",
      loop: (streams) => {
        const out = [];
        for (const s of streams) if (Array.isArray(s.supported_sync_modes) && s.supported_sync_modes.includes('incremental')) out.push(s.name);
        return out;
      },
    },
    {
      expression: 'streams[?source_defined_cursor==`true`].name',
      loop: (streams) => {
        const out = [];
        for (const s of streams) if (s.source_defined_cursor === true) out.push(s.name);
        return out;
      },
    },
    {
      expression: 'streams[?!source_defined_primary_key].name',
      loop: (streams) => {
        const out = [];
        for (const s of streams) {
          const pk = s.source_defined_primary_key;
          if (pk === undefined || pk === null || (Array.isArray(pk) && pk.length === 0)) out.push(s.name);
        }
        return out;
      },
    },
    {
      expression: 'streams[?json_schema.properties.updated_at].name',
      loop: (streams) => {
        const out = [];
        for (const s of streams) {
          const props = (s.json_schema as { properties?: Record<string, unknown> } | undefined)?.properties;
          const v = props?.updated_at;
          if (v !== undefined && v !== null && v !== false && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0)) out.push(s.name);
        }
        return out;
      },
    },
    { expression: 'length(streams)', loop: (streams) => streams.length },
  ];

  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] as number;

  it('p95 of query (engine, including JSON of the result) against a hand-written loop', () => {
    const streams = catalog.streams as Array<Record<string, unknown>>;
    const runs = 60;
    const lines: string[] = [];
    for (const { expression, loop } of starters) {
      // Same answers first.
      expect(compile(expression).search(catalog.queryInput)).toEqual(loop(streams));
      const query: number[] = [];
      const search: number[] = [];
      const floor: number[] = [];
      const compiled = compile(expression);
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        const r = runQuery(catalog, expression);
        query.push(performance.now() - t);
        expect(r.ok).toBe(true);
        t = performance.now();
        compiled.search(catalog.queryInput);
        search.push(performance.now() - t);
        t = performance.now();
        const v = loop(streams);
        JSON.stringify(v, null, 2);
        floor.push(performance.now() - t);
      }
      lines.push(
        `${expression.padEnd(62)} query p95 ${p95(query).toFixed(2).padStart(6)} ms | search only ${p95(search).toFixed(2).padStart(6)} ms | JS loop + JSON ${p95(floor).toFixed(2).padStart(6)} ms | ratio ${(p95(query) / Math.max(p95(floor), 0.001)).toFixed(1)}×`,
      );
    }
    console.log(`starter queries on 5,200 streams, ${runs} runs each:\n${lines.join('\n')}`);
  });
});
