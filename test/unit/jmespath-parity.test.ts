/**
 * Our JMESPath engine (lib/jmespath) against Python jmespath 1.1.0, as recorded in
 * test/fixtures/jmespath-python.json by scripts/record-jmespath-fixture.py.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExpRef, JmesPathError, compile } from '../../lib/jmespath';
import type { JmesPathErrorKind } from '../../lib/jmespath';

const root = path.resolve(__dirname, '../..');
const fixturePath = path.join(root, 'test/fixtures/jmespath-python.json');
const scriptPath = path.join(root, 'scripts/record-jmespath-fixture.py');

interface PyError {
  type: string;
  message: string;
  lex_position: number | null;
}
interface Answer {
  result?: unknown;
  error?: PyError;
}
interface FixtureCase extends Answer {
  source: string;
  expression: string;
  given: number;
  jsView?: Answer;
}
interface Fixture {
  jmespath: string;
  documents: unknown[];
  cases: FixtureCase[];
}

const fixture = JSON.parse(fs.readFileSync(fixturePath, 'utf8')) as Fixture;

const KIND: Record<string, JmesPathErrorKind> = {
  LexerError: 'lexer',
  ParseError: 'parse',
  EmptyExpressionError: 'parse',
  IncompleteExpressionError: 'incomplete',
  JMESPathTypeError: 'type',
  TypeError: 'type',
  ValueError: 'type',
  OverflowError: 'type',
  ArityError: 'arity',
  VariadictArityError: 'arity',
  UnknownFunctionError: 'unknown-function',
};

/** A value as the fixture writes it: sorted keys, inf/nan and expression references encoded. */
function canonical(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $float: Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf' };
  if (value instanceof ExpRef) return { $expref: true };
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(record).sort()) out[k] = canonical(record[k]);
    return out;
  }
  return value;
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Python counts lex_position in code points; our `position` counts UTF-16 units. */
function utf16Position(expression: string, codePoints: number | null): number | null {
  if (codePoints === null) return null;
  const cps = Array.from(expression);
  return cps.slice(0, codePoints).join('').length + Math.max(0, codePoints - cps.length);
}

function disagreement(c: FixtureCase): string | null {
  const want = c.jsView ?? c;
  let got: Answer;
  try {
    got = { result: compile(c.expression).search(fixture.documents[c.given]) };
    if (got.result === undefined) return 'returned undefined';
  } catch (e) {
    if (!(e instanceof JmesPathError)) return `threw ${String(e)}`;
    if (!want.error) return `threw ${e.pythonType}: ${e.message}; Python: ${JSON.stringify(want.result)}`;
    const problems: string[] = [];
    if (e.kind !== KIND[want.error.type]) problems.push(`kind ${e.kind} for ${want.error.type}`);
    if (e.pythonType !== want.error.type) problems.push(`class ${e.pythonType} != ${want.error.type}`);
    if (e.position !== utf16Position(c.expression, want.error.lex_position)) problems.push(`position ${e.position} != ${want.error.lex_position}`);
    if (e.message !== want.error.message) problems.push(`message ${JSON.stringify(e.message)} != ${JSON.stringify(want.error.message)}`);
    return problems.length ? problems.join('; ') : null;
  }
  if (want.error) return `returned ${JSON.stringify(canonical(got.result))}; Python raised ${want.error.type}: ${want.error.message}`;
  return same(got.result, want.result) ? null : `returned ${JSON.stringify(canonical(got.result))}; Python: ${JSON.stringify(want.result)}`;
}

/**
 * Cases JavaScript cannot answer as Python does, whatever the engine: a JavaScript object lists integer-like
 * keys ("1") first, so an object the expression builds ({b: .., "1": ..}) has another key order than Python's
 * dict. (Key order in the data and in literals is covered by the fixture's jsView answers.)
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'to_string({b: b, "1": a})': 'integer-like key order of an object built by the expression',
  'keys({b: b, "1": a})': 'integer-like key order of an object built by the expression',
};

describe('jmespath parity with Python jmespath 1.1.0', () => {
  it('answers every recorded case as Python does', () => {
    const failures: string[] = [];
    const known: string[] = [];
    let viaJsView = 0;
    for (const c of fixture.cases) {
      const problem = disagreement(c);
      if (problem && KNOWN_DIFFERENCES[c.expression] !== undefined) known.push(c.expression);
      else if (problem) failures.push(`${c.source} ${JSON.stringify(c.expression)}: ${problem}`);
      else if (c.jsView) viaJsView++;
    }
    const agree = fixture.cases.length - failures.length - known.length;
    console.log(
      `jmespath parity: ${fixture.cases.length} cases, ${agree} agree` +
        ` (${viaJsView} of them on the data as JavaScript holds it: integral floats, integers from 2**53, integer-like key order);` +
        ` ${known.length} known differences JavaScript cannot avoid: ${known.map((e) => `${e} (${KNOWN_DIFFERENCES[e]})`).join(', ')}`,
    );
    expect(failures).toEqual([]);
    expect(known.sort()).toEqual(Object.keys(KNOWN_DIFFERENCES).sort());
  });

  it('covers the whole compliance suite and the dialect table', () => {
    const suite = fixture.cases.filter((c) => c.source.includes('.json#'));
    expect(suite.length).toBe(892);
    expect(fixture.cases.filter((c) => c.source === 'dialect-table').length).toBeGreaterThanOrEqual(30);
    expect(fixture.jmespath).toBe('1.1.0');
  });

  const python = spawnSync('python3', ['-c', 'import jmespath; print(jmespath.__version__)'], { encoding: 'utf8' });
  const pythonVersion = python.status === 0 ? python.stdout.trim() : null;
  const suiteDir = path.join(root, '..', 'shared', 'peer-suites', 'jmespath');
  const canRecord = pythonVersion === '1.1.0' && fs.existsSync(suiteDir);
  if (!canRecord) {
    console.log(
      `jmespath parity: fixture freshness not checked (${pythonVersion === null ? 'python3 with jmespath not found' : pythonVersion !== '1.1.0' ? `Python jmespath is ${pythonVersion}, not 1.1.0` : `no suite at ${suiteDir}`})`,
    );
  }
  it.skipIf(!canRecord)('has a fixture that is current (re-recorded with Python jmespath 1.1.0)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmespath-fixture-'));
    try {
      const out = path.join(dir, 'fixture.json');
      const run = spawnSync('python3', [scriptPath, '--suite', suiteDir, '--out', out], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const fresh = fs.readFileSync(out, 'utf8');
      expect(fresh === fs.readFileSync(fixturePath, 'utf8'), 'test/fixtures/jmespath-python.json is stale: run python3 scripts/record-jmespath-fixture.py').toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
