/**
 * Lints for JMESPath expressions that are valid but silently wrong, or fine here and a 500 on the server.
 * Pure: takes the expression, returns ranges in UTF-16 offsets. Works on tokens, so an incomplete expression
 * (the usual state while typing) is linted too; one that does not lex gives no lints (its error marker says more).
 */
import { tokenize } from '../../../../lib/jmespath/lexer';
import type { Token } from '../../../../lib/jmespath/lexer';
import { FOREIGN_FUNCTIONS, FUNCTION_DOCS } from './function-docs';

export type LintCode = 'bare-literal' | 'string-number-comparison' | 'unknown-function';

export interface Lint {
  code: LintCode;
  severity: 'warning';
  /** UTF-16 range in the expression. */
  start: number;
  end: number;
  message: string;
  /** Text that fixes it, for [start, end). */
  replacement?: string;
}

const COMPARATORS = new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']);
const ORDERING = new Set(['lt', 'lte', 'gt', 'gte']);
const BARE = new Set(['true', 'false', 'null']);

/** Code point index → UTF-16 offset, for every code point of `text` (and its end). */
function unitOffsets(text: string): number[] {
  const out: number[] = [];
  let i = 0;
  for (const ch of text) {
    out.push(i);
    i += ch.length;
  }
  out.push(i);
  return out;
}

export function lintExpression(expression: string): Lint[] {
  let tokens: Token[];
  try {
    tokens = tokenize(expression);
  } catch {
    return [];
  }
  const units = unitOffsets(expression);
  const at = (cp: number) => units[Math.min(cp, units.length - 1)] ?? expression.length;
  /** A token's UTF-16 range: up to the next token, trailing whitespace trimmed. */
  const range = (i: number): [number, number] => {
    const t = tokens[i] as Token;
    const start = at(t.start);
    let end = at((tokens[i + 1] ?? t).start);
    while (end > start && /\s/.test(expression[end - 1] ?? '')) end--;
    return [start, end === start ? start + 1 : end];
  };
  const type = (i: number): string | undefined => tokens[i]?.type;
  const lints: Lint[] = [];

  tokens.forEach((t, i) => {
    if (t.type === 'unquoted_identifier' && typeof t.value === 'string') {
      const name = t.value;
      if (BARE.has(name) && (COMPARATORS.has(type(i - 1) ?? '') || COMPARATORS.has(type(i + 1) ?? '')) && type(i - 1) !== 'dot' && type(i + 1) !== 'dot') {
        const [start, end] = range(i);
        lints.push({
          code: 'bare-literal',
          severity: 'warning',
          start,
          end,
          message: `Bare \`${name}\` is read as a field named "${name}" (which is missing, so null), not as the JSON value: write \`${name}\` in backticks.`,
          replacement: `\`${name}\``,
        });
      }
      if (type(i + 1) === 'lparen' && type(i - 1) !== 'dot' && !FUNCTION_DOCS.has(name)) {
        const [start, end] = range(i);
        lints.push({
          code: 'unknown-function',
          severity: 'warning',
          start,
          end,
          message: FOREIGN_FUNCTIONS.has(name)
            ? `${name}() belongs to other JMESPath dialects; the server (Python jmespath 1.1.0) rejects it: Unknown function: ${name}()`
            : `Unknown function: ${name}(). The server (Python jmespath 1.1.0) rejects it when it is evaluated.`,
        });
      }
    }
    if (COMPARATORS.has(t.type)) {
      const left = tokens[i - 1];
      const right = tokens[i + 1];
      if (left?.type !== 'literal' || right?.type !== 'literal') return;
      if (type(i - 2) === 'dot' || type(i + 2) === 'dot' || type(i + 2) === 'lbracket') return;
      const kinds = [typeof left.value, typeof right.value].sort().join();
      if (kinds !== 'number,string') return;
      const [start] = range(i - 1);
      const [, end] = range(i + 1);
      lints.push({
        code: 'string-number-comparison',
        severity: 'warning',
        start,
        end,
        message: ORDERING.has(t.type)
          ? `Ordering a string against a number: Python raises TypeError, and the server answers 500 Internal Server Error. Compare numbers with numbers (\`1\`) or strings with strings ('1').`
          : `A string never equals a number: this comparison is always ${t.type === 'eq' ? 'false' : 'true'}. Compare numbers with numbers (\`1\`) or strings with strings ('1').`,
      });
    }
  });
  return lints.sort((a, b) => a.start - b.start);
}
