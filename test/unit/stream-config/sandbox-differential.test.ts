// Differential test: checkPatch must answer as the sandbox's server-side implementation does
// (main/sandbox/streams.ts) — the same accept/refuse verdict, the same status (400 malformed, 422 rules), and
// the same resulting configuration — on generated patches, valid and not. Warnings are ours only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AirbyteStream } from '../../../main/sandbox/catalogs';
import { HttpError } from '../../../main/sandbox/http';
import { patchStreamConfig } from '../../../main/sandbox/streams';
import { checkPatch, defaultsFor, type StreamConfig } from '../../../lib/stream-config';
import { ALL } from './fixtures';

function server(stream: AirbyteStream, current: StreamConfig, patch: unknown): { status: number; after: StreamConfig | null } {
  try {
    return { status: 200, after: patchStreamConfig(stream, current, patch) as StreamConfig };
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, after: null };
    throw error;
  }
}

const name = fc.constantFrom('id', 'updated_at', 'tenant_id', 'address', 'city', 'x');
const path = fc.array(name, { minLength: 0, maxLength: 3 });
const key = fc.array(fc.array(name, { minLength: 1, maxLength: 2 }), { maxLength: 3 });
const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 4 }), fc.constant({}), fc.constant([1]), fc.constant([['a', 2]]), fc.constant(['id']), fc.constant(JSON.parse('{"__proto__": {"polluted": 1}}')), fc.constant([undefined]), fc.constant([['id', undefined]]));
const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('full_refresh', 'incremental', 'append', 'overwrite', 'append_dedup') },
  { weight: 3, arbitrary: path },
  { weight: 3, arbitrary: key },
  { weight: 2, arbitrary: name },
  { weight: 1, arbitrary: junk },
);
const pointer = fc.oneof(
  fc.constantFrom('/sync_mode', '/destination_sync_mode', '/cursor_field', '/primary_key'),
  fc.constantFrom('/cursor_field/0', '/cursor_field/1', '/cursor_field/-', '/cursor_field/01', '/cursor_field/x', '/primary_key/0', '/primary_key/1', '/primary_key/-', '/primary_key/0/0', '/primary_key/0/-', '/primary_key/1/1', '/primary_key/0/00'),
  fc.constantFrom('/stream_name', '/namespace', '', 'sync_mode', '/', '/sync_mode/0', '/sync_mode/', '/__proto__', '/cursor_field/__proto__', '/primary_key/0/constructor', '/cursor_field/-1', '/primary_key/0/0/0'),
);
const op = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constantFrom('add', 'replace', 'remove'), path: pointer, value }, { requiredKeys: ['op', 'path'] }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('move', 'copy', 'test', 'spam', 5), path: pointer, from: pointer, value }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: junk },
);
const stored = (stream: AirbyteStream) =>
  fc.record({ sync_mode: fc.constantFrom('full_refresh' as const, 'incremental' as const), destination_sync_mode: fc.constantFrom('append' as const, 'overwrite' as const, 'append_dedup' as const), cursor_field: path, primary_key: key }).map((c) => ({ stream_name: stream.name, ...c }));
const streamArb = fc.constantFrom(...(ALL.map((s) => ({ json_schema: {}, ...s })) as AirbyteStream[]));
const scenario = streamArb.chain((stream) => fc.tuple(fc.constant(stream), fc.oneof(fc.constant(defaultsFor(stream)), stored(stream)), fc.array(op, { maxLength: 6 })));

describe('checkPatch agrees with the sandbox server', () => {
  it('on generated patches: verdict, status and resulting configuration', () => {
    let accepted = 0;
    let refused400 = 0;
    let refused422 = 0;
    fc.assert(
      fc.property(scenario, ([stream, current, ops]) => {
        const theirs = server(stream, structuredClone(current), structuredClone(ops));
        const ours = checkPatch(ops, stream, current);
        expect(ours.status).toBe(theirs.status);
        if (theirs.status === 200) {
          expect(ours.after).toEqual(theirs.after);
          accepted++;
        } else if (theirs.status === 400) refused400++;
        else refused422++;
      }),
      { numRuns: 4000 },
    );
    // The generator must exercise all three outcomes, or the test proves little.
    expect(Math.min(accepted, refused400, refused422)).toBeGreaterThan(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('on non-array bodies', () => {
    for (const body of [null, {}, 'x', 1, { op: 'add', path: '/sync_mode', value: 'incremental' }]) {
      expect(checkPatch(body, ALL[0]!, defaultsFor(ALL[0]!)).status).toBe(server(ALL[0] as AirbyteStream, defaultsFor(ALL[0]!), body).status);
    }
  });
});
