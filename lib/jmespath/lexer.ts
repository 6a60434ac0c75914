/**
 * A port of Python jmespath 1.1.0's lexer (jmespath/lexer.py), quirks included. It walks the expression
 * by code point, as Python does, so `start` positions are code points.
 */
import { emptyExpressionError, lexerError } from './errors';
import { PyJsonError, pyJsonLoads, pyStrip } from './python';

export type TokenType =
  | 'dot' | 'star' | 'rbracket' | 'comma' | 'colon' | 'current' | 'lparen' | 'rparen' | 'lbrace' | 'rbrace'
  | 'unquoted_identifier' | 'quoted_identifier' | 'flatten' | 'filter' | 'lbracket' | 'literal' | 'or' | 'pipe'
  | 'and' | 'expref' | 'number' | 'lte' | 'lt' | 'gte' | 'gt' | 'ne' | 'not' | 'eq' | 'eof';

export interface Token {
  type: TokenType;
  value: unknown;
  /** Code point offset in the expression. */
  start: number;
  /** For number tokens: the digits as written (Python prints the exact integer in messages). */
  raw?: string;
}

const SIMPLE_TOKENS: Record<string, TokenType> = {
  '.': 'dot', '*': 'star', ']': 'rbracket', ',': 'comma', ':': 'colon', '@': 'current',
  '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace',
};

const isStartIdentifier = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isDigit = (c: string | undefined) => c !== undefined && c.length === 1 && c >= '0' && c <= '9';
const isIdentifierChar = (c: string | undefined) => c !== undefined && (isStartIdentifier(c) || isDigit(c));

export function tokenize(expression: string): Token[] {
  if (!expression) throw emptyExpressionError();
  const chars = Array.from(expression);
  const length = chars.length;
  let position = 0;
  let current: string | undefined = chars[0];
  const tokens: Token[] = [];

  const next = (): string | undefined => {
    if (position === length - 1) current = undefined;
    else current = chars[++position];
    return current;
  };
  const rest = (start: number) => chars.slice(start).join('');

  const consumeNumber = (): string => {
    let buff = current as string;
    while (isDigit(next())) buff += current;
    return buff;
  };

  const consumeUntil = (delimiter: string): string => {
    const start = position;
    let buff = '';
    next();
    while (current !== delimiter) {
      if (current === '\\') {
        buff += '\\';
        next();
      }
      if (current === undefined) throw lexerError(expression, start, rest(start), `Unclosed ${delimiter} delimiter`);
      buff += current;
      next();
    }
    next();
    return buff;
  };

  const consumeLiteral = (): Token => {
    const start = position;
    const lexeme = consumeUntil('`').replaceAll('\\`', '`');
    let value: unknown;
    try {
      value = pyJsonLoads(lexeme);
    } catch (e) {
      if (!(e instanceof PyJsonError)) throw e;
      try {
        // JEP-12 deprecation period: an invalid JSON value is read as a JSON string.
        value = pyJsonLoads('"' + pyStrip(lexeme, false) + '"');
      } catch (e2) {
        if (!(e2 instanceof PyJsonError)) throw e2;
        throw lexerError(expression, start, rest(start), `Bad token ${lexeme}`);
      }
    }
    return { type: 'literal', value, start };
  };

  const consumeQuotedIdentifier = (): Token => {
    const start = position;
    const lexeme = '"' + consumeUntil('"') + '"';
    try {
      return { type: 'quoted_identifier', value: pyJsonLoads(lexeme), start };
    } catch (e) {
      if (!(e instanceof PyJsonError)) throw e;
      throw lexerError(expression, start, lexeme, e.message);
    }
  };

  const matchOrElse = (expected: string, matchType: TokenType, elseType: TokenType): Token => {
    const start = position;
    const c = current as string;
    const nextChar = next();
    if (nextChar === expected) {
      next();
      return { type: matchType, value: c + nextChar, start };
    }
    return { type: elseType, value: c, start };
  };

  while (current !== undefined) {
    const c: string = current;
    const simple = SIMPLE_TOKENS[c];
    if (simple !== undefined) {
      tokens.push({ type: simple, value: c, start: position });
      next();
    } else if (isStartIdentifier(c)) {
      const start = position;
      let buff = c;
      while (isIdentifierChar(next())) buff += current;
      tokens.push({ type: 'unquoted_identifier', value: buff, start });
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      next();
    } else if (c === '[') {
      const start = position;
      const nextChar = next();
      if (nextChar === ']') {
        next();
        tokens.push({ type: 'flatten', value: '[]', start });
      } else if (nextChar === '?') {
        next();
        tokens.push({ type: 'filter', value: '[?', start });
      } else {
        tokens.push({ type: 'lbracket', value: '[', start });
      }
    } else if (c === "'") {
      const start = position;
      const value = consumeUntil("'").replaceAll("\\'", "'");
      tokens.push({ type: 'literal', value, start });
    } else if (c === '|') {
      tokens.push(matchOrElse('|', 'or', 'pipe'));
    } else if (c === '&') {
      tokens.push(matchOrElse('&', 'and', 'expref'));
    } else if (c === '`') {
      tokens.push(consumeLiteral());
    } else if (isDigit(c)) {
      const start = position;
      const buff = consumeNumber();
      tokens.push({ type: 'number', value: Number(buff), start, raw: buff });
    } else if (c === '-') {
      const start = position;
      const buff = consumeNumber();
      if (buff.length > 1) {
        const n = Number(buff);
        tokens.push({ type: 'number', value: n === 0 ? 0 : n, start, raw: buff });
      } else {
        throw lexerError(expression, start, buff, `Unknown token '${buff}'`);
      }
    } else if (c === '"') {
      tokens.push(consumeQuotedIdentifier());
    } else if (c === '<') {
      tokens.push(matchOrElse('=', 'lte', 'lt'));
    } else if (c === '>') {
      tokens.push(matchOrElse('=', 'gte', 'gt'));
    } else if (c === '!') {
      tokens.push(matchOrElse('=', 'ne', 'not'));
    } else if (c === '=') {
      if (next() === '=') {
        tokens.push({ type: 'eq', value: '==', start: position - 1 });
        next();
      } else {
        // At the end the position never advanced, so it is not rewound.
        const at = current === undefined ? position : position - 1;
        throw lexerError(expression, at, '=', "Unknown token '='");
      }
    } else {
      throw lexerError(expression, position, c, `Unknown token ${c}`);
    }
  }
  tokens.push({ type: 'eof', value: '', start: length });
  return tokens;
}
