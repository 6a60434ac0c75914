/**
 * JMESPath as Python jmespath 1.1.0 (the Airbyte API's engine) answers it. Pure TypeScript: no Node, DOM or
 * other import, so it runs in a Web Worker as well as in the main process. See README.md.
 */
import { compileNode } from './interpreter';
import type { Evaluator } from './interpreter';
import { parse } from './parser';
import type { AstNode } from './parser';

export { JmesPathError } from './errors';
export type { JmesPathErrorKind } from './errors';
export { ExpRef } from './python';
export type { AstNode } from './parser';

export interface CompiledQuery {
  readonly expression: string;
  /** Python's AST for the expression (for tooling; treat as read-only). */
  readonly ast: AstNode;
  /**
   * Evaluates the expression against `data` (JSON values: what JSON.parse returns). Throws JmesPathError for
   * the errors Python raises at run time (kinds 'type', 'arity', 'unknown-function'). Never returns undefined.
   * The result may share objects with `data` and with literals of the expression: do not mutate it.
   */
  search(data: unknown): unknown;
}

/** Parses once; throws JmesPathError (kinds 'lexer', 'parse', 'incomplete') on a syntax error. */
export function compile(expression: string): CompiledQuery {
  const ast = parse(expression);
  const evaluate: Evaluator = compileNode(ast);
  return {
    expression,
    ast,
    search(data: unknown): unknown {
      const result = evaluate(data === undefined ? null : data);
      return result === undefined ? null : result;
    },
  };
}

/** `compile(expression).search(data)`, without caching. */
export function search(data: unknown, expression: string): unknown {
  return compile(expression).search(data);
}
