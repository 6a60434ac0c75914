import { describe, expect, it } from 'vitest';
import { search } from '../../lib/jmespath';
import { buildLargeCatalog } from '../../main/sandbox/catalogs';
import { namespaceCountsQuery, STARTER_QUERIES } from '../../renderer/features/catalog/starter-queries';

// The starter library's queries, evaluated by the one engine on the sandbox's warehouse catalog (a slice of it).
describe('starter queries on the sandbox warehouse catalog', () => {
  it('answer what a hand-written loop answers', async () => {
        const { catalog } = await buildLargeCatalog(120, 3);
    const streams = [
      ...(catalog.streams as unknown as Array<Record<string, unknown>>),
      { name: 'no_pk', namespace: null, supported_sync_modes: ['full_refresh'], source_defined_primary_key: [], json_schema: { properties: { id: {} } } },
      { name: 'incr_no_cursor', namespace: 'x', supported_sync_modes: ['full_refresh', 'incremental'], source_defined_cursor: false, default_cursor_field: [], source_defined_primary_key: [['id']], json_schema: { properties: { id: {} } } },
      { name: 'incr_no_key', namespace: 'x', supported_sync_modes: ['incremental'], source_defined_cursor: true, json_schema: { properties: { id: {} } } },
    ];
    const data = { streams };
    const byName = (q: string) => search(data, STARTER_QUERIES.find((s) => s.name === q)?.query ?? '');
    const names = (pred: (s: Record<string, unknown>) => boolean) => streams.filter(pred).map((s) => s.name);
    const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
    const ready = names((s) => (s.supported_sync_modes as string[]).includes('incremental') && (s.source_defined_cursor === true || nonEmpty(s.default_cursor_field)) && nonEmpty(s.source_defined_primary_key));
    expect(ready.length).toBeGreaterThan(0);
    expect(ready.length).toBeLessThan(streams.length);
    expect(byName('Ready for incremental + dedup')).toEqual(ready);
    expect(byName('Incremental-capable streams')).toEqual(names((s) => (s.supported_sync_modes as string[]).includes('incremental')));
    expect(byName('Streams with a source-defined cursor')).toEqual(names((s) => s.source_defined_cursor === true));
    expect(byName('Streams without a primary key')).toEqual(['no_pk', 'incr_no_key']);
    expect(byName('Streams whose schema has updated_at')).toEqual(names((s) => 'updated_at' in ((s.json_schema as { properties: object }).properties ?? {})));
    const rows = streams.map((s, index) => ({ index, name: String(s.name), namespace: (s.namespace as string | null) ?? null, syncModes: [], sourceDefinedCursor: false, defaultCursor: null, primaryKey: null, fieldCount: 0 }));
    const counts: Record<string, number> = {};
    for (const s of streams) {
      const key = (s.namespace as string | null) ?? '(no namespace)';
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(search(data, namespaceCountsQuery(rows).query)).toEqual(counts);
  });
});
