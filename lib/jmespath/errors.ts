import { pyListRepr, pyStr } from './python';

export type JmesPathErrorKind = 'lexer' | 'parse' | 'incomplete' | 'type' | 'arity' | 'unknown-function';

export interface JmesPathErrorInit {
  kind: JmesPathErrorKind;
  /** The Python exception class Python jmespath 1.1.0 raises here (e.g. 'ParseError', 'TypeError'). */
  pythonType: string;
  /** Python's lex_position, in code points (null when Python has none). */
  codePointPosition?: number | null;
  expression?: string | null;
  token?: { type: string; value: unknown };
}

/** Code points -> UTF-16 code units, for a position in `expression`. */
function toUtf16(expression: string, codePoints: number): number {
  let units = 0;
  let n = 0;
  while (n < codePoints && units < expression.length) {
    const c = expression.charCodeAt(units);
    const d = expression.charCodeAt(units + 1);
    units += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    n++;
  }
  return units + (codePoints - n);
}

/**
 * Every error Python jmespath 1.1.0 raises, syntax or runtime. `message` is Python's `str(exception)`
 * (columns in it count code points, as Python's do); `position` is the same place in UTF-16 code units.
 */
export class JmesPathError extends Error {
  override readonly name = 'JmesPathError';
  readonly kind: JmesPathErrorKind;
  /** Python's lex_position converted to UTF-16 code units of the expression; null when Python has none. */
  readonly position: number | null;
  /** Python's lex_position as Python counts it (code points). */
  readonly codePointPosition: number | null;
  /** The Python exception class, e.g. 'ParseError', 'IncompleteExpressionError', 'JMESPathTypeError', 'TypeError'. */
  readonly pythonType: string;
  readonly expression: string | null;
  /** The token where parsing stopped (parse and lexer errors): its lexer type and value. */
  readonly token?: { type: string; value: unknown };

  constructor(message: string, init: JmesPathErrorInit) {
    super(message);
    this.kind = init.kind;
    this.pythonType = init.pythonType;
    this.expression = init.expression ?? null;
    this.codePointPosition = init.codePointPosition ?? null;
    this.position = this.codePointPosition === null || this.expression === null ? this.codePointPosition : toUtf16(this.expression, this.codePointPosition);
    if (init.token) this.token = init.token;
  }
}

// --- the messages of jmespath/exceptions.py ------------------------------------------------------------

export function parseError(expression: string, lexPosition: number, tokenValue: unknown, tokenType: string, msg = 'Invalid jmespath expression'): JmesPathError {
  const underline = ' '.repeat(lexPosition + 1) + '^';
  const message = `${msg}: Parse error at column ${lexPosition}, token "${pyStr(tokenValue)}" (${tokenType.toUpperCase()}), for expression:\n"${expression}"\n${underline}`;
  return new JmesPathError(message, {
    kind: 'parse',
    pythonType: 'ParseError',
    codePointPosition: lexPosition,
    expression,
    token: { type: tokenType, value: tokenValue },
  });
}

export function incompleteError(expression: string, codePointLength: number): JmesPathError {
  const message = `Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${' '.repeat(codePointLength + 1)}^`;
  return new JmesPathError(message, {
    kind: 'incomplete',
    pythonType: 'IncompleteExpressionError',
    codePointPosition: codePointLength,
    expression,
    token: { type: 'eof', value: '' },
  });
}

export function lexerError(expression: string, lexPosition: number, lexerValue: string, msg: string): JmesPathError {
  const message = `Bad jmespath expression: ${msg}:\n${expression}\n${' '.repeat(lexPosition)}^`;
  return new JmesPathError(message, {
    kind: 'lexer',
    pythonType: 'LexerError',
    codePointPosition: lexPosition,
    expression,
    token: { type: 'lexeme', value: lexerValue },
  });
}

export function emptyExpressionError(): JmesPathError {
  return new JmesPathError('Invalid JMESPath expression: cannot be empty.', { kind: 'parse', pythonType: 'EmptyExpressionError', expression: '' });
}

function pluralize(word: string, count: number): string {
  return count === 1 ? word : word + 's';
}

export function arityError(expected: number, actual: number, name: string, variadic: boolean): JmesPathError {
  const message = variadic
    ? `Expected at least ${expected} ${pluralize('argument', expected)} for function ${name}(), received ${actual}`
    : `Expected ${expected} ${pluralize('argument', expected)} for function ${name}(), received ${actual}`;
  return new JmesPathError(message, { kind: 'arity', pythonType: variadic ? 'VariadictArityError' : 'ArityError' });
}

export function functionTypeError(functionName: string, currentValue: unknown, actualType: string, expectedTypes: readonly string[]): JmesPathError {
  const message = `In function ${functionName}(), invalid type for value: ${pyStr(currentValue)}, expected one of: ${pyListRepr(expectedTypes)}, received: "${actualType}"`;
  return new JmesPathError(message, { kind: 'type', pythonType: 'JMESPathTypeError' });
}

export function unknownFunctionError(name: string): JmesPathError {
  return new JmesPathError(`Unknown function: ${name}()`, { kind: 'unknown-function', pythonType: 'UnknownFunctionError' });
}

/** A Python built-in exception (TypeError, ValueError, OverflowError) that jmespath lets through. */
export function pythonRuntimeError(pythonType: 'TypeError' | 'ValueError' | 'OverflowError', message: string): JmesPathError {
  return new JmesPathError(message, { kind: 'type', pythonType });
}
