import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JmesPathError, compile, search } from '../../lib/jmespath';

function thrown(run: () => unknown): JmesPathError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(JmesPathError);
    return e as JmesPathError;
  }
  throw new Error('expected a JmesPathError');
}

const catalog = {
  streams: [
    { name: 'users', source_defined_cursor: true, supported_sync_modes: ['full_refresh', 'incremental'] },
    { name: 'accounts', source_defined_cursor: false, supported_sync_modes: ['full_refresh'] },
  ],
};

describe('lib/jmespath API', () => {
  it('compiles once and searches many documents', () => {
    const q = compile("streams[?contains(supported_sync_modes, 'incremental')].name");
    expect(q.search(catalog)).toEqual(['users']);
    expect(q.search({ streams: [] })).toEqual([]);
    expect(q.search(undefined)).toBeNull();
    expect(search(catalog, 'length(streams)')).toBe(2);
  });

  it('reports incomplete expressions with the position at the end (UTF-16 units)', () => {
    // Python reports a missing name after a dot as a ParseError at the EOF token, other cut-offs as incomplete.
    for (const [expression, kind] of [['foo.', 'parse'], ['streams[*].', 'parse'], ['"😀".x.', 'parse'], ['a[', 'incomplete'], ['{a: b', 'incomplete']]) {
      const e = thrown(() => compile(expression as string));
      expect(e.kind).toBe(kind);
      expect(e.position).toBe((expression as string).length);
    }
    expect(thrown(() => compile('"😀".x.')).message).toContain('Parse error at column 6, token "" (EOF)');
    expect(thrown(() => compile('a[')).message).toBe('Invalid jmespath expression: Incomplete expression:\n"a["\n   ^');
  });

  it('reports syntax errors with Python messages and UTF-16 positions', () => {
    const e = thrown(() => compile('foo.|| bar'));
    expect(e.kind).toBe('parse');
    expect(e.position).toBe(4);
    expect(e.message).toBe(
      'Expecting: [\'quoted_identifier\', \'unquoted_identifier\', \'lbracket\', \'lbrace\'], got: or: Parse error at column 4, token "||" (OR), for expression:\n"foo.|| bar"\n     ^',
    );
    expect(e.token).toEqual({ type: 'or', value: '||' });
    const lex = thrown(() => compile("'😀' + 1"));
    expect(lex.kind).toBe('lexer');
    expect(lex.codePointPosition).toBe(4); // Python's column, in code points
    expect(lex.position).toBe(5); // UTF-16 units: the emoji is two
    expect(thrown(() => compile('[:::]')).kind).toBe('parse');
    expect(thrown(() => compile('')).message).toBe('Invalid JMESPath expression: cannot be empty.');
  });

  it('throws runtime errors as Python raises them', () => {
    const typeError = thrown(() => search({}, "'a' < `1`"));
    expect(typeError.kind).toBe('type');
    expect(typeError.pythonType).toBe('TypeError');
    expect(typeError.message).toBe("'<' not supported between instances of 'str' and 'int'");
    expect(typeError.position).toBeNull();
    expect(thrown(() => search({}, 'length(`1`)')).message).toBe(
      'In function length(), invalid type for value: 1, expected one of: [\'string\', \'array\', \'object\'], received: "number"',
    );
    expect(thrown(() => search({}, 'length()')).kind).toBe('arity');
    expect(thrown(() => search({}, 'lower(`"A"`)')).kind).toBe('unknown-function');
  });

  it('answers the dialect differences as Python does', () => {
    expect(search({}, "'a' < 'b'")).toBe(true);
    expect(search({}, 'avg(`[]`)')).toBeNull();
    expect(search({}, 'max_by(`[]`, &a)')).toBeNull();
    expect(search({}, 'length(`"😀ab"`)')).toBe(3);
    expect(search({}, 'to_string(`{"k":"é"}`)')).toBe('{"k":"\\u00e9"}');
    expect(search({}, "to_number('0x10')")).toBeNull();
    expect(search({}, "to_number('1_000')")).toBe(1000);
    expect(search({}, "to_number('inf')")).toBe(Infinity);
    expect(search({}, '`true` == `1`')).toBe(false);
    expect(search({}, '`1` == `1.0`')).toBe(true);
    expect(search({ z: 0 }, 'z || `5`')).toBe(0);
    expect(search(catalog, 'streams[?source_defined_cursor==true].name')).toEqual([]);
  });

  it('does not read inherited properties of objects', () => {
    expect(search({}, 'constructor')).toBeNull();
    expect(search({}, 'toString')).toBeNull();
    expect(search(JSON.parse('{"__proto__": {"a": 1}}'), '"__proto__".a')).toBe(1);
    expect(search({}, '"__proto__"')).toBeNull();
  });

  it('filters 5,000 objects close to a plain loop', () => {
    const data = {
      streams: Array.from({ length: 5000 }, (_, i) => ({ name: `s${i}`, source_defined_cursor: i % 2 === 0, supported_sync_modes: i % 3 ? ['full_refresh'] : ['full_refresh', 'incremental'] })),
    };
    const q = compile("streams[?source_defined_cursor==`true` && contains(supported_sync_modes, 'incremental')].name");
    const loop = () => data.streams.filter((s) => s.source_defined_cursor === true && s.supported_sync_modes.includes('incremental')).map((s) => s.name);
    expect(q.search(data)).toEqual(loop());
    const time = (f: () => unknown) => {
      for (let i = 0; i < 20; i++) f();
      const t = performance.now();
      for (let i = 0; i < 100; i++) f();
      return (performance.now() - t) / 100;
    };
    const engine = time(() => q.search(data));
    const plain = time(loop);
    console.log(`jmespath filter over 5,000 objects: ${engine.toFixed(3)} ms (plain loop ${plain.toFixed(3)} ms)`);
    expect(engine).toBeLessThan(Math.max(plain * 10, 5)); // generous: shared CI machines are noisy
  });

  it('imports nothing but its own files (it runs in a Web Worker)', () => {
    const dir = path.resolve(__dirname, '../../lib/jmespath');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of source.matchAll(/from '([^']+)'/g)) expect(m[1], `${file} imports ${m[1]}`).toMatch(/^\.\//);
    }
  });
});
