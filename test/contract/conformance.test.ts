import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import jsonpatch, { type Operation } from 'fast-json-patch';
import { search as jmesSearch } from '../../lib/jmespath';
import { describe, expect, it } from 'vitest';

// The public suites live beside the project (../shared/peer-suites); they are read, never copied.
const suites = path.resolve(__dirname, '../../../shared/peer-suites');

/**
 * Known deviations of the libraries the app and the sandbox both use, pinned so that this test
 * fails if one of them starts passing (update the list) or if anything else starts failing.
 */
const JMESPATH_KNOWN = new Set<string>([
  // none: lib/jmespath answers as Python jmespath 1.1.0, which passes the whole suite
]);

interface JmesCase {
  expression: string;
  result?: unknown;
  error?: string;
  bench?: string;
}

describe('JMESPath compliance suite (lib/jmespath, the engine of the sandbox and the app)', () => {
  const files = readdirSync(path.join(suites, 'jmespath')).filter((f) => f.endsWith('.json') && f !== 'benchmarks.json');
  const failures: string[] = [];
  let total = 0;
  for (const file of files) {
    const groups = JSON.parse(readFileSync(path.join(suites, 'jmespath', file), 'utf8')) as Array<{ given: unknown; cases: JmesCase[] }>;
    for (const group of groups) {
      for (const c of group.cases) {
        if (c.bench) continue;
        total++;
        let passed: boolean;
        try {
          const result = jmesSearch(group.given, c.expression);
          passed = c.error === undefined && isDeepStrictEqual(result, c.result);
        } catch {
          passed = c.error !== undefined;
        }
        if (!passed) failures.push(`${file}: ${c.expression}`);
      }
    }
  }

  it('runs the whole suite', () => {
    expect(total).toBeGreaterThan(800);
  });

  it('fails only the pinned, explained cases', () => {
    expect(failures.sort()).toEqual([...JMESPATH_KNOWN].sort());
  });
});

interface PatchCase {
  comment?: string;
  doc: unknown;
  patch: Operation[];
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

const PATCH_KNOWN = new Set([
  // fast-json-patch accepts array indexes with leading zeros ("/foo/01") in `test` ops.
  'tests.json #87: test with bad array number that has leading zeros',
  'tests.json #88: test with bad array number that has leading zeros',
]);

describe('JSON Patch suite (fast-json-patch)', () => {
  const failures: string[] = [];
  let total = 0;
  for (const file of ['tests.json', 'spec_tests.json']) {
    const cases = JSON.parse(readFileSync(path.join(suites, 'json-patch', file), 'utf8')) as PatchCase[];
    cases.forEach((c, index) => {
      if (c.disabled) return;
      total++;
      let passed: boolean;
      try {
        const result = jsonpatch.applyPatch(jsonpatch.deepClone(c.doc), c.patch, true, false).newDocument;
        passed = c.error === undefined && (!('expected' in c) || isDeepStrictEqual(result, c.expected));
      } catch {
        passed = c.error !== undefined;
      }
      if (!passed) failures.push(`${file} #${index}: ${c.comment ?? ''}`);
    });
  }

  it('runs the whole suite', () => {
    expect(total).toBeGreaterThan(100);
  });

  it('fails only the pinned, explained cases', () => {
    expect(failures.sort()).toEqual([...PATCH_KNOWN].sort());
  });
});
