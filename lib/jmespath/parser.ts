/**
 * A port of Python jmespath 1.1.0's top-down operator precedence (Pratt) parser (jmespath/parser.py):
 * same binding powers, same AST, same errors (messages and lex_position).
 */
import type { JmesPathError } from './errors';
import { incompleteError, parseError } from './errors';
import { pyListRepr, pyStr } from './python';
import type { Token, TokenType } from './lexer';
import { tokenize } from './lexer';

export type NodeType =
  | 'comparator' | 'current' | 'expref' | 'function_expression' | 'field' | 'filter_projection' | 'flatten'
  | 'identity' | 'index' | 'index_expression' | 'key_val_pair' | 'literal' | 'multi_select_dict'
  | 'multi_select_list' | 'or_expression' | 'and_expression' | 'not_expression' | 'pipe' | 'projection'
  | 'subexpression' | 'slice' | 'value_projection';

/** Python's AST node: {type, children, value}. A slice keeps [start, stop, step] in `value`. */
export interface AstNode {
  type: NodeType;
  children: AstNode[];
  value?: unknown;
}

const node = (type: NodeType, children: AstNode[] = [], value?: unknown): AstNode => (value === undefined ? { type, children } : { type, children, value });

const BINDING_POWER: Record<TokenType, number> = {
  eof: 0, unquoted_identifier: 0, quoted_identifier: 0, literal: 0, rbracket: 0, rparen: 0, comma: 0, rbrace: 0,
  number: 0, current: 0, expref: 0, colon: 0, pipe: 1, or: 2, and: 3, eq: 5, gt: 5, lt: 5, gte: 5, lte: 5, ne: 5,
  flatten: 9,
  // Everything above stops a projection.
  star: 20, filter: 21, dot: 40, not: 45, lbrace: 50, lbracket: 55, lparen: 60,
};
const PROJECTION_STOP = 10;

/** Internal: an IncompleteExpressionError before `set_expression` gives it the expression's length. */
class Incomplete extends Error {}

export function parse(expression: string): AstNode {
  const tokens = tokenize(expression);
  try {
    return new Parser(expression, tokens).parse();
  } catch (e) {
    if (e instanceof Incomplete) throw incompleteError(expression, Array.from(expression).length);
    throw e;
  }
}

class Parser {
  private index = 0;

  constructor(
    private readonly expression: string,
    private readonly tokens: Token[],
  ) {}

  parse(): AstNode {
    const parsed = this.expr(0);
    if (this.current() !== 'eof') {
      const t = this.lookaheadToken(0);
      throw this.error(t, `Unexpected token: ${tokenText(t)}`);
    }
    return parsed;
  }

  private expr(bindingPower = 0): AstNode {
    const leftToken = this.lookaheadToken(0);
    this.advance();
    let left = this.nud(leftToken);
    let currentToken = this.current();
    while (bindingPower < BINDING_POWER[currentToken]) {
      const led = this.ledFor(currentToken);
      if (led === null) {
        this.raiseForToken(this.lookaheadToken(0), 'invalid token');
      } else {
        this.advance();
        left = led(left);
        currentToken = this.current();
      }
    }
    return left;
  }

  // --- nud ---

  private nud(token: Token): AstNode {
    switch (token.type) {
      case 'literal':
        return node('literal', [], token.value);
      case 'unquoted_identifier':
        return node('field', [], token.value);
      case 'quoted_identifier': {
        const field = node('field', [], token.value);
        // A quoted identifier cannot name a function (Python reports column 0).
        if (this.current() === 'lparen') {
          const t = this.lookaheadToken(0);
          throw parseError(this.expression, 0, t.value, t.type, 'Quoted identifier not allowed for function names.');
        }
        return field;
      }
      case 'star': {
        const left = node('identity');
        const right = this.current() === 'rbracket' ? node('identity') : this.parseProjectionRhs(BINDING_POWER.star);
        return node('value_projection', [left, right]);
      }
      case 'filter':
        return this.ledFilter(node('identity'));
      case 'lbrace':
        return this.parseMultiSelectHash();
      case 'lparen': {
        const expression = this.expr();
        this.match('rparen');
        return expression;
      }
      case 'flatten': {
        const left = node('flatten', [node('identity')]);
        const right = this.parseProjectionRhs(BINDING_POWER.flatten);
        return node('projection', [left, right]);
      }
      case 'not':
        return node('not_expression', [this.expr(BINDING_POWER.not)]);
      case 'lbracket':
        if (this.current() === 'number' || this.current() === 'colon') {
          const right = this.parseIndexExpression();
          return this.projectIfSlice(node('identity'), right);
        } else if (this.current() === 'star' && this.lookahead(1) === 'rbracket') {
          this.advance();
          this.advance();
          const right = this.parseProjectionRhs(BINDING_POWER.star);
          return node('projection', [node('identity'), right]);
        }
        return this.parseMultiSelectList();
      case 'current':
        return node('current');
      case 'expref':
        return node('expref', [this.expr(BINDING_POWER.expref)]);
      case 'eof':
        throw new Incomplete();
      default:
        return this.raiseForToken(token, 'invalid token');
    }
  }

  // --- led ---

  private ledFor(type: TokenType): ((left: AstNode) => AstNode) | null {
    switch (type) {
      case 'dot':
        return (left) => this.ledDot(left);
      case 'pipe':
        return (left) => node('pipe', [left, this.expr(BINDING_POWER.pipe)]);
      case 'or':
        return (left) => node('or_expression', [left, this.expr(BINDING_POWER.or)]);
      case 'and':
        return (left) => node('and_expression', [left, this.expr(BINDING_POWER.and)]);
      case 'lparen':
        return (left) => this.ledLparen(left);
      case 'filter':
        return (left) => this.ledFilter(left);
      case 'eq':
      case 'ne':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return (left) => node('comparator', [left, this.expr(BINDING_POWER[type])], type);
      case 'flatten':
        return (left) => node('projection', [node('flatten', [left]), this.parseProjectionRhs(BINDING_POWER.flatten)]);
      case 'lbracket':
        return (left) => this.ledLbracket(left);
      default:
        return null;
    }
  }

  private ledDot(left: AstNode): AstNode {
    if (this.current() !== 'star') {
      const right = this.parseDotRhs(BINDING_POWER.dot);
      if (left.type === 'subexpression') {
        left.children.push(right);
        return left;
      }
      return node('subexpression', [left, right]);
    }
    // A projection.
    this.advance();
    const right = this.parseProjectionRhs(BINDING_POWER.dot);
    return node('value_projection', [left, right]);
  }

  private ledLparen(left: AstNode): AstNode {
    if (left.type !== 'field') {
      // -1 is the '(' token, -2 the invalid function "name".
      const prev = this.lookaheadToken(-2);
      throw parseError(this.expression, prev.start, prev.value, prev.type, `Invalid function name '${tokenText(prev)}'`);
    }
    const args: AstNode[] = [];
    while (this.current() !== 'rparen') {
      const expression = this.expr();
      if (this.current() === 'comma') this.match('comma');
      args.push(expression);
    }
    this.match('rparen');
    return node('function_expression', args, left.value);
  }

  private ledFilter(left: AstNode): AstNode {
    const condition = this.expr(0);
    this.match('rbracket');
    const right = this.current() === 'flatten' ? node('identity') : this.parseProjectionRhs(BINDING_POWER.filter);
    return node('filter_projection', [left, right, condition]);
  }

  private ledLbracket(left: AstNode): AstNode {
    const token = this.lookaheadToken(0);
    if (token.type === 'number' || token.type === 'colon') {
      const right = this.parseIndexExpression();
      if (left.type === 'index_expression') {
        left.children.push(right);
        return left;
      }
      return this.projectIfSlice(left, right);
    }
    this.match('star');
    this.match('rbracket');
    const right = this.parseProjectionRhs(BINDING_POWER.star);
    return node('projection', [left, right]);
  }

  // --- helpers ---

  private parseIndexExpression(): AstNode {
    if (this.lookahead(0) === 'colon' || this.lookahead(1) === 'colon') return this.parseSliceExpression();
    const n = node('index', [], this.lookaheadToken(0).value);
    this.advance();
    this.match('rbracket');
    return n;
  }

  private parseSliceExpression(): AstNode {
    const parts: (number | null)[] = [null, null, null];
    let index = 0;
    let currentToken = this.current();
    while (currentToken !== 'rbracket' && index < 3) {
      if (currentToken === 'colon') {
        index += 1;
        if (index === 3) this.raiseForToken(this.lookaheadToken(0), 'syntax error');
        this.advance();
      } else if (currentToken === 'number') {
        parts[index] = this.lookaheadToken(0).value as number;
        this.advance();
      } else {
        this.raiseForToken(this.lookaheadToken(0), 'syntax error');
      }
      currentToken = this.current();
    }
    this.match('rbracket');
    return node('slice', [], parts);
  }

  private projectIfSlice(left: AstNode, right: AstNode): AstNode {
    const indexExpr = node('index_expression', [left, right]);
    if (right.type === 'slice') return node('projection', [indexExpr, this.parseProjectionRhs(BINDING_POWER.star)]);
    return indexExpr;
  }

  private parseMultiSelectList(): AstNode {
    const expressions: AstNode[] = [];
    for (;;) {
      expressions.push(this.expr());
      if (this.current() === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return node('multi_select_list', expressions);
  }

  private parseMultiSelectHash(): AstNode {
    const pairs: AstNode[] = [];
    for (;;) {
      const keyToken = this.lookaheadToken(0);
      this.matchMultiple(['quoted_identifier', 'unquoted_identifier']);
      this.match('colon');
      const value = this.expr(0);
      pairs.push(node('key_val_pair', [value], keyToken.value));
      if (this.current() === 'comma') {
        this.match('comma');
      } else if (this.current() === 'rbrace') {
        this.match('rbrace');
        break;
      }
    }
    return node('multi_select_dict', pairs);
  }

  private parseProjectionRhs(bindingPower: number): AstNode {
    const current = this.current();
    if (BINDING_POWER[current] < PROJECTION_STOP) return node('identity');
    if (current === 'lbracket' || current === 'filter') return this.expr(bindingPower);
    if (current === 'dot') {
      this.match('dot');
      return this.parseDotRhs(bindingPower);
    }
    return this.raiseForToken(this.lookaheadToken(0), 'syntax error');
  }

  private parseDotRhs(bindingPower: number): AstNode {
    const lookahead = this.current();
    if (lookahead === 'quoted_identifier' || lookahead === 'unquoted_identifier' || lookahead === 'star') return this.expr(bindingPower);
    if (lookahead === 'lbracket') {
      this.match('lbracket');
      return this.parseMultiSelectList();
    }
    if (lookahead === 'lbrace') {
      this.match('lbrace');
      return this.parseMultiSelectHash();
    }
    const t = this.lookaheadToken(0);
    const allowed = ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'];
    return this.raiseForToken(t, `Expecting: ${pyListRepr(allowed)}, got: ${t.type}`);
  }

  private match(tokenType: TokenType): void {
    if (this.current() === tokenType) this.advance();
    else this.raiseMaybeEof(tokenType, this.lookaheadToken(0));
  }

  private matchMultiple(tokenTypes: TokenType[]): void {
    if (!tokenTypes.includes(this.current())) this.raiseMaybeEof(pyListRepr(tokenTypes), this.lookaheadToken(0));
    this.advance();
  }

  private advance(): void {
    this.index += 1;
  }

  private current(): TokenType {
    return this.lookaheadToken(0).type;
  }

  private lookahead(n: number): TokenType {
    return this.lookaheadToken(n).type;
  }

  private lookaheadToken(n: number): Token {
    const t = this.tokens[this.index + n];
    if (t === undefined) throw new Error(`jmespath parser: no token at ${this.index + n}`);
    return t;
  }

  private error(token: Token, reason: string): JmesPathError {
    return parseError(this.expression, token.start, tokenValue(token), token.type, reason);
  }

  private raiseForToken(token: Token, reason: string): never {
    throw this.error(token, reason);
  }

  private raiseMaybeEof(expected: string, token: Token): never {
    if (token.type === 'eof') throw new Incomplete();
    throw this.error(token, `Expecting: ${expected}, got: ${token.type}`);
  }
}

/** A token's value as Python holds it (number tokens: the exact integer, as text). */
function tokenValue(token: Token): unknown {
  return token.raw !== undefined ? BigInt(token.raw).toString() : token.value;
}

function tokenText(token: Token): string {
  return pyStr(tokenValue(token));
}
