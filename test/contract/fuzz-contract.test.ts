import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCore } from '../../main/core';
import type { Router } from '../../main/ipc/router';
import { appErrorSchema, listChannels, type Result } from '../../preload/contract';
import { arbitraryFromSchema, replaceAt, stringPaths, type JsonSchema } from '../support/arbitrary-from-schema';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

// Every channel of the contract, present and future, gets hostile input straight from its own
// schema: the renderer is untrusted and can send anything. Each answer must be a typed envelope,
// never `internal` (an exception the handler did not expect), and Object.prototype must stay clean.

const channels = listChannels();
let core: ReturnType<typeof createCore>;
let router: Router<object>;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const counts = { inputs: 0, crashes: 0, internal: 0 };

beforeAll(() => {
  // The drafts folder is pinned (as EMBEDDED_CONSOLE_DRAFTS_DIR would): generated paths must never reach the real disk.
  core = createCore({ shell: 'browser', userDataDir: tempDir('ec-fuzz-'), keytarLoader: memoryKeytar(), draftsDir: tempDir('ec-fuzz-drafts-') });
  router = core.createRouter(() => null);
});
afterAll(async () => {
  await core.close();
  console.log(`contract fuzz: ${counts.inputs} inputs to ${channels.length} channels, ${counts.crashes} crashes, ${counts.internal} internal errors`);
});

const envelope = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: appErrorSchema })]);

/** Sends one input and checks the invariants every answer must keep. */
async function send(channel: string, input: unknown): Promise<Result<unknown>> {
  counts.inputs++;
  let result: Result<unknown>;
  try {
    result = await router.dispatch(channel, input, {});
  } catch (error) {
    counts.crashes++;
    throw new Error(`${channel} threw across the boundary: ${String(error)}`);
  }
  expect(envelope.safeParse(result).success, `${channel}: not an envelope`).toBe(true);
  if (!result.ok && result.error.code === 'internal') {
    counts.internal++;
    throw new Error(`${channel} answered internal for ${JSON.stringify(input)?.slice(0, 300)}`);
  }
  if (!result.ok) {
    // Messages are for people: no channel name, ever (issue #13).
    const named = channels.find((c) => result.error.message.includes(c.name));
    expect(named, `${channel}: "${result.error.message}" names a channel`).toBeUndefined();
  }
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), 'Object.prototype was polluted').toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  return result;
}

function deeplyNested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { id: value };
  return value;
}

const polluting = [
  JSON.parse('{"__proto__":{"polluted":1},"id":"x"}'),
  JSON.parse('{"id":"x","changes":{"__proto__":{"polluted":1}},"constructor":{"prototype":{"polluted":1}}}'),
  JSON.parse('{"name":"x","region":"EU","__proto__":{"polluted":1}}'),
];

/** Hostile input that ignores the schema: wrong types, structured-clone oddities, huge, deep. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true }),
  fc.constantFrom(...polluting),
  fc.constantFrom(deeplyNested(5_000), { id: 'x'.repeat(2 * 1024 * 1024) }, { id: 'x', name: 'y'.repeat(300_000) }, [], [1, 2], 'string', 42, null, Number.NaN, { id: Number.NaN }, { id: ['a'] }, { id: { toString: 'x' } }),
);

describe('contract fuzz: every channel, inputs generated from its own schema', () => {
  for (const { name, spec } of channels) {
    const schema = z.toJSONSchema(spec.input, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
    const fitting = arbitraryFromSchema(schema);

    it(`${name}: schema-shaped and hostile input → a typed answer, never internal`, async () => {
      await fc.assert(fc.asyncProperty(fc.oneof(fitting, hostile), (input) => send(name, input).then(() => undefined)), { numRuns: 45, endOnFailure: true });
    });

    // Free-text fields fail with "ill-formed Unicode"; enum, URL and pattern fields fail their own
    // rule first. Either way the handler never sees the string, and the issue names the field.
    it(`${name}: a lone surrogate in any string field → invalid_input naming it`, async () => {
      // Channels whose input has no string field have nothing to plant one in.
      if (!schemaHasString(schema)) return;
      const withStrings = fitting.filter((value) => stringPaths(value).length > 0);
      await fc.assert(
        fc.asyncProperty(
          withStrings.chain((value) => fc.constantFrom(...stringPaths(value)).map((path) => ({ value, path }))),
          fc.constantFrom('\ud800', 'a\udc00', '\udfff\ud800', `ok${'\ud83d'}`),
          async ({ value, path }, lone) => {
            const result = await send(name, replaceAt(value, path, lone));
            expect(result.ok).toBe(false);
            if (!result.ok) {
              expect(result.error.code).toBe('invalid_input');
              expect(result.error.details?.issues?.map((i) => i.path)).toContain(path.join('.'));
            }
          },
        ),
        { numRuns: 12, endOnFailure: true },
      );
    });
  }
});

function schemaHasString(schema: JsonSchema): boolean {
  if (schema.type === 'string') return true;
  return Object.values(schema.properties ?? {}).some(schemaHasString) || (schema.anyOf ?? []).some(schemaHasString) || (schema.items ? schemaHasString(schema.items) : false);
}
