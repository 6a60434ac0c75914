/**
 * Random expressions from a small JMESPath grammar (valid and broken) over random JSON documents: our engine
 * (lib/jmespath) may answer or throw JmesPathError, but never throws anything else and never returns undefined.
 * (Python is not there at test time to compare answers: test/unit/jmespath-parity.test.ts does that.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JmesPathError, compile } from '../../lib/jmespath';

const name = fc.constantFrom('a', 'b', 'foo', 'name', '"a b"', '"😀"', 'streams', '__proto__', 'constructor');
const literal = fc.constantFrom('`1`', '`-2.5`', '`"x"`', "'y'", '`true`', '`null`', '`[1, "a"]`', '`{"a": 1}`', '`NaN`', '`[]`', "'😀ab'", '`0`');
const number = fc.integer({ min: -5, max: 5 }).map(String);
const functionName = fc.constantFrom(
  'abs', 'avg', 'contains', 'ceil', 'ends_with', 'floor', 'join', 'keys', 'length', 'map', 'max', 'max_by', 'merge', 'min',
  'min_by', 'not_null', 'reverse', 'sort', 'sort_by', 'starts_with', 'sum', 'to_array', 'to_string', 'to_number', 'type',
  'values', 'nope',
);

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    literal,
    fc.constant('@'),
    fc.constant('*'),
    fc.tuple(tie('expr'), name).map(([e, n]) => `${e}.${n}`),
    fc.tuple(tie('expr'), number).map(([e, n]) => `${e}[${n}]`),
    fc.tuple(tie('expr'), fc.option(number), fc.option(number), fc.option(number)).map(([e, a, b, c]) => `${e}[${a ?? ''}:${b ?? ''}:${c ?? ''}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([e, f]) => `${e}[*].${f}`),
    tie('expr').map((e) => `${e}[]`),
    fc.tuple(tie('expr'), tie('expr')).map(([e, c]) => `${e}[?${c}]`),
    fc.tuple(tie('expr'), fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '||', '&&', '|'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((e) => `!${e}`),
    tie('expr').map((e) => `(${e})`),
    tie('expr').map((e) => `&${e}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(name, tie('expr')).map(([k, v]) => `{${k}: ${v}}`),
    fc.tuple(functionName, fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    tie('expr').map((e) => `sort_by(@, &${e})`),
  ),
}));

/** Valid expressions and broken ones (cut short, or with a stray character). */
const expression = fc.oneof(
  expr,
  fc.tuple(expr, fc.nat()).map(([e, n]) => e.slice(0, n % (e.length + 1))),
  fc.tuple(expr, fc.nat(), fc.constantFrom('.', '[', ']', '{', '}', '(', ')', ',', ':', '|', '&', '=', '!', '`', "'", '"', '-', '#', '😀', ' ')).map(
    ([e, n, ch]) => {
      const at = n % (e.length + 1);
      return e.slice(0, at) + ch + e.slice(at);
    },
  ),
);

const document = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ a: fc.jsonValue({ maxDepth: 3 }), foo: fc.jsonValue({ maxDepth: 3 }), streams: fc.array(fc.record({ name: fc.string(), n: fc.integer() })) }),
);

describe('jmespath engine (property)', () => {
  it('answers or throws JmesPathError, never anything else, never undefined', () => {
    fc.assert(
      fc.property(expression, document, (expression, data) => {
        let query;
        try {
          query = compile(expression);
        } catch (e) {
          expect(e).toBeInstanceOf(JmesPathError);
          const err = e as JmesPathError;
          expect(['lexer', 'parse', 'incomplete']).toContain(err.kind);
          if (err.position !== null) expect(err.position).toBeLessThanOrEqual(expression.length);
          return;
        }
        try {
          expect(query.search(data)).not.toBeUndefined();
        } catch (e) {
          expect(e).toBeInstanceOf(JmesPathError);
          expect(['type', 'arity', 'unknown-function']).toContain((e as JmesPathError).kind);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
