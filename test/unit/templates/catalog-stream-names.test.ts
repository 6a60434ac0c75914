import { describe, expect, it } from 'vitest';
import { buildLargeCatalog } from '../../../main/sandbox/catalogs';
import { catalogStreamNames } from '../../../main/services/templates/catalog-stream-names';

// The byte scanner must agree with a full JSON.parse on every well-formed catalog, whatever the
// keys around and inside the streams look like, and refuse what is not one complete JSON object.

const bytes = (text: string) => Buffer.from(text, 'utf8');
const parsedNames = (text: string) => (JSON.parse(text) as { catalog: { streams: Array<{ name: unknown }> } }).catalog.streams.map((s) => s.name).filter((n) => typeof n === 'string');

describe('catalogStreamNames', () => {
  it('reads the names of a small catalog in order', () => {
    const text = '{"catalog":{"streams":[{"name":"users","supported_sync_modes":["full_refresh"]},{"name":"orders","supported_sync_modes":[]}]}}';
    expect(catalogStreamNames(bytes(text))).toEqual(['users', 'orders']);
  });

  it('ignores `name` keys that are not a stream’s own (columns, nested objects, other members)', () => {
    const catalog = {
      name: 'not-a-stream',
      catalog: {
        name: 'neither',
        streams: [
          { json_schema: { properties: { name: { type: 'string' } }, name: 'schema-name' }, name: 'accounts', namespace: 'public' },
          { supported_sync_modes: ['incremental'], name: 'events', default_cursor_field: ['name'] },
          { name: 'first', again: { name: 'inner' } },
        ],
        other: [{ name: 'x' }],
      },
      streams: [{ name: 'top-level-streams-are-not-the-catalog' }],
    };
    const text = JSON.stringify(catalog);
    expect(catalogStreamNames(bytes(text))).toEqual(['accounts', 'events', 'first']);
    expect(catalogStreamNames(bytes(text))).toEqual(parsedNames(text));
  });

  it('decodes escapes and non-ASCII names, and braces or quotes inside strings do not confuse it', () => {
    const names = ['quo"te', 'back\\slash', 'tab\tnew\nline', 'ünïcødé_表', 'emoji 🚀', '{"name":"fake"}', '[', 'a\u2028b'];
    const text = JSON.stringify({ catalog: { streams: names.map((name) => ({ description: '}]"{[', name, json_schema: { description: '\\"}' } })) } }, null, 2);
    expect(catalogStreamNames(bytes(text))).toEqual(names);
  });

  it('tolerates whitespace everywhere and a catalog member after others', () => {
    const text = ' \n{ "x" : [ 1 , { "catalog" : 2 } ] ,\r\n "catalog" :\t{ "streams" : [ { "name" : "a" } , { "name" : "b" } ] } }\n';
    expect(catalogStreamNames(bytes(text))).toEqual(['a', 'b']);
  });

  it('answers an empty list for an object without streams, null for what is not one complete object', () => {
    expect(catalogStreamNames(bytes('{"catalog":{"streams":[]}}'))).toEqual([]);
    expect(catalogStreamNames(bytes('{"detail":"nope"}'))).toEqual([]);
    expect(catalogStreamNames(bytes(''))).toBeNull();
    expect(catalogStreamNames(bytes('[{"catalog":{}}]'))).toBeNull();
    expect(catalogStreamNames(bytes('{"catalog":{"streams":[{"name":"cut'))).toBeNull();
    expect(catalogStreamNames(bytes('{"catalog":{"streams":[{"name":"a"}'))).toBeNull();
    expect(catalogStreamNames(bytes('}'))).toBeNull();
  });

  it('agrees with JSON.parse on the 5,200-table catalog, fast', async () => {
    const { json } = await buildLargeCatalog();
    expect(json.length).toBeGreaterThan(30 * 1024 * 1024);
    const started = performance.now();
    const names = catalogStreamNames(json);
    const ms = performance.now() - started;
    expect(names).toEqual(parsedNames(json.toString('utf8')));
    expect(names).toHaveLength(5200);
    // One pass over the bytes; a full parse of this catalog takes about as long, but keeps the tree.
    expect(ms).toBeLessThan(3000);
  }, 60_000);
});
