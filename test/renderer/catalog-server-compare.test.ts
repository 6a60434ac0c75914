import { describe, expect, it } from 'vitest';
import { compareWithServer, firstDifference, shorten } from '../../renderer/features/catalog/query/server-compare';
import { stepHistory } from '../../renderer/features/catalog/query/history-nav';

const toError = (e: unknown) => ({ kind: 'parse' as const, message: String(e), summary: String(e), position: null });

describe('comparing with the server as JSON values', () => {
  it('ignores key order, whitespace and number spelling', () => {
    expect(compareWithServer(() => [{ a: 1, b: [true, null] }], '[ {"b": [true, null], "a": 1.0} ]', toError)).toEqual({ localError: null, serverParseError: null, count: 1, difference: null });
  });

  it('names the first differing path with both values, shortened', () => {
    expect(firstDifference([1, 2, 3, 4], [1, 2, 3, 5])).toEqual({ path: '[3]', local: '4', server: '5' });
    expect(firstDifference({ name: 'a', x: 1 }, { name: 'b', x: 2 })).toEqual({ path: '.name', local: '"a"', server: '"b"' });
    expect(firstDifference([{ 'odd key': 1 }], [{ 'odd key': 2 }])?.path).toBe('[0]["odd key"]');
    expect(firstDifference([1], [1, 2])).toEqual({ path: '[1]', local: '(nothing)', server: '2' });
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toEqual({ path: '.b', local: '(nothing)', server: '2' });
    expect(firstDifference('x', ['x'])).toEqual({ path: '', local: '"x"', server: '["x"]' });
    expect(shorten('y'.repeat(200))).toHaveLength(60);
    expect(firstDifference({ long: 'y'.repeat(200) }, { long: 'z' })?.local).toMatch(/…$/);
  });

  it('handles deep results without overflowing', () => {
    let a: unknown = 1;
    let b: unknown = 2;
    for (let i = 0; i < 20_000; i++) {
      a = [a];
      b = [b];
    }
    expect(firstDifference(a, b)?.path).toBe('[0]'.repeat(20_000));
  });

  it('reports a local failure, and a server text that is not JSON', () => {
    expect(compareWithServer(() => { throw new Error('bad'); }, null, toError).localError).toMatchObject({ message: 'Error: bad' });
    expect(compareWithServer(() => [], '{oops', toError).serverParseError).toBeTruthy();
  });
});

describe('history keys', () => {
  const history = ['newest', 'middle', 'oldest'];
  it('↑ recalls and steps back; ↓ steps forward, then to the empty editor', () => {
    let step = stepHistory(history, null, '', 'up', true)!;
    expect(step.text).toBe('newest');
    step = stepHistory(history, step.recall, step.text, 'up', true)!;
    step = stepHistory(history, step.recall, step.text, 'up', true)!;
    expect(step.text).toBe('oldest');
    expect(stepHistory(history, step.recall, step.text, 'up', true)).toBeNull();
    step = stepHistory(history, step.recall, step.text, 'down', true)!;
    expect(step.text).toBe('middle');
    step = stepHistory(history, step.recall, step.text, 'down', false)!;
    expect(step.text).toBe('newest');
    step = stepHistory(history, step.recall, step.text, 'down', true)!;
    expect(step).toEqual({ recall: null, text: '' });
  });

  it('leaves the arrows alone on an edited query or away from the start', () => {
    const recalled = stepHistory(history, null, '', 'up', true)!;
    expect(stepHistory(history, recalled.recall, 'newest2', 'down', true)).toBeNull();
    expect(stepHistory(history, recalled.recall, 'newest', 'up', false)).toBeNull();
    expect(stepHistory(history, null, 'typed', 'down', true)).toBeNull();
    expect(stepHistory([], null, '', 'up', true)).toBeNull();
  });
});

describe('compare with the real engine (as the worker runs it)', () => {
  it('agrees with a server answer of the same value and reports the engine’s syntax error', async () => {
    const { compile } = await import('../../lib/jmespath');
    const { jmesError, parseCatalog } = await import('../../renderer/features/catalog/worker/catalog-engine');
    const catalog = parseCatalog('{"catalog":{"streams":[{"name":"a","n":1},{"name":"b","n":2}]}}');
    const run = (expression: string, serverText: string | null) => compareWithServer(() => compile(expression).search(catalog.queryInput), serverText, jmesError);
    expect(run('streams[*].{n: n, name: name}', '[{"name":"a","n":1.0},{"name":"b","n":2}]')).toMatchObject({ count: 2, difference: null });
    expect(run('streams[*].n', '[1, 3]').difference).toEqual({ path: '[1]', local: '2', server: '3' });
    expect(run('streams[?name ==', null).localError?.message).toMatch(/invalid jmespath expression/i);
  });
});
