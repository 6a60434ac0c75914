/**
 * Python jmespath 1.1.0's TreeInterpreter (jmespath/visitor.py), compiled once into closures: each AST node
 * becomes a function of the current value, so a search walks no AST and dispatches on no node type.
 */
import { pythonRuntimeError } from './errors';
import { callFunction, isFalse, jmesEquals, lookupFunction, pyOrder } from './functions';
import type { Ordering } from './functions';
import type { AstNode } from './parser';
import type { JsonObject } from './python';
import { ExpRef, isObject, setKey } from './python';

export type Evaluator = (value: unknown) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;
const identity: Evaluator = (value) => value;

function child(node: AstNode, i: number): AstNode {
  const c = node.children[i];
  if (c === undefined) throw new Error(`jmespath: ${node.type} node without child ${i}`);
  return c;
}

function fieldGetter(name: string): Evaluator {
  if (name === '__proto__') {
    return (value) => (isObject(value) && hasOwn.call(value, name) ? (value[name] ?? null) : null);
  }
  if (name === 'length' || /^(0|[1-9][0-9]*)$/.test(name)) {
    // Names an array (or a string) answers in JavaScript; Python's lists and strings have no .get().
    return (value) => {
      if (!isObject(value)) return null;
      const v = value[name];
      return v === undefined || typeof v === 'function' ? null : v;
    };
  }
  return (value) => {
    if (typeof value !== 'object' || value === null) return null;
    const v = (value as JsonObject)[name];
    // JSON values are never functions: a function here is inherited (toString, constructor, Array.prototype.map,
    // ExpRef's evaluate...); an array has no other property of that name.
    return v === undefined || typeof v === 'function' ? null : v;
  };
}

/** Python's list slicing, `value[start:stop:step]`. */
function slice(list: unknown[], start: number | null, stop: number | null, step: number | null): unknown[] {
  const st = step ?? 1;
  if (st === 0) throw pythonRuntimeError('ValueError', 'slice step cannot be zero');
  const len = list.length;
  const lower = st < 0 ? -1 : 0;
  const upper = st < 0 ? len - 1 : len;
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) return Math.max(v + len, lower);
    return Math.min(v, upper);
  };
  const from = clamp(start, st < 0 ? upper : lower);
  const to = clamp(stop, st < 0 ? lower : upper);
  const out: unknown[] = [];
  if (st > 0) for (let i = from; i < to; i += st) out.push(list[i]);
  else for (let i = from; i > to; i += st) out.push(list[i]);
  return out;
}

function chain(evaluators: Evaluator[]): Evaluator {
  if (evaluators.length === 1) return evaluators[0] as Evaluator;
  if (evaluators.length === 2) {
    const [a, b] = evaluators as [Evaluator, Evaluator];
    return (value) => b(a(value));
  }
  return (value) => {
    let result = value;
    for (const e of evaluators) result = e(result);
    return result;
  };
}

export function compileNode(node: AstNode): Evaluator {
  switch (node.type) {
    case 'field':
      return fieldGetter(node.value as string);
    case 'subexpression':
    case 'index_expression':
    case 'pipe':
      return chain(node.children.map(compileNode));
    case 'identity':
    case 'current':
      return identity;
    case 'literal': {
      const literal = node.value;
      return () => literal;
    }
    case 'index': {
      const index = node.value as number;
      return (value) => {
        if (!Array.isArray(value)) return null;
        const i = index < 0 ? value.length + index : index;
        return i >= 0 && i < value.length ? (value[i] ?? null) : null;
      };
    }
    case 'slice': {
      const [start, stop, step] = node.value as [number | null, number | null, number | null];
      return (value) => (Array.isArray(value) ? slice(value, start, stop, step) : null);
    }
    case 'comparator': {
      const left = compileNode(child(node, 0));
      const right = compileNode(child(node, 1));
      const op = node.value as 'eq' | 'ne' | Ordering;
      const rightNode = child(node, 1);
      const lit = rightNode.value;
      if ((op === 'eq' || op === 'ne') && rightNode.type === 'literal' && (lit === null || typeof lit === 'string' || typeof lit === 'boolean' || (typeof lit === 'number' && lit === lit))) {
        // Comparing with a scalar literal: Python's == is identity of value here (a number never equals a boolean).
        if (op === 'eq') return (value) => (left(value) ?? null) === lit;
        return (value) => (left(value) ?? null) !== lit;
      }
      if (op === 'eq') return (value) => jmesEquals(left(value), right(value));
      if (op === 'ne') return (value) => !jmesEquals(left(value), right(value));
      return (value) => {
        const l = left(value);
        const r = right(value);
        // Ordering applies to numbers and strings; other types give null. str vs number raises TypeError.
        const lt = typeof l;
        const rt = typeof r;
        if ((lt !== 'number' && lt !== 'string') || (rt !== 'number' && rt !== 'string')) return null;
        return pyOrder(op, l, r);
      };
    }
    case 'expref': {
      const ref = new ExpRef(compileNode(child(node, 0)));
      return () => ref;
    }
    case 'function_expression': {
      const name = node.value as string;
      const spec = lookupFunction(name);
      const args = node.children.map(compileNode);
      const n = args.length;
      if (n === 1) {
        const a0 = args[0] as Evaluator;
        return (value) => callFunction(name, spec, [a0(value)]);
      }
      if (n === 2) {
        const a0 = args[0] as Evaluator;
        const a1 = args[1] as Evaluator;
        return (value) => callFunction(name, spec, [a0(value), a1(value)]);
      }
      return (value) => {
        const resolved = new Array<unknown>(n);
        for (let i = 0; i < n; i++) resolved[i] = (args[i] as Evaluator)(value);
        return callFunction(name, spec, resolved);
      };
    }
    case 'filter_projection': {
      const base = compileNode(child(node, 0));
      const right = compileNode(child(node, 1));
      const condition = compileNode(child(node, 2));
      const rightIsIdentity = right === identity;
      return (value) => {
        const list = base(value);
        if (!Array.isArray(list)) return null;
        const collected: unknown[] = [];
        for (let i = 0; i < list.length; i++) {
          const element = list[i];
          if (isFalse(condition(element))) continue;
          const current = rightIsIdentity ? element : right(element);
          if (current !== null && current !== undefined) collected.push(current);
        }
        return collected;
      };
    }
    case 'flatten': {
      const base = compileNode(child(node, 0));
      return (value) => {
        const list = base(value);
        if (!Array.isArray(list)) return null;
        const merged: unknown[] = [];
        for (const element of list) {
          if (Array.isArray(element)) for (const e of element) merged.push(e);
          else merged.push(element);
        }
        return merged;
      };
    }
    case 'projection': {
      const base = compileNode(child(node, 0));
      const right = compileNode(child(node, 1));
      return (value) => {
        const list = base(value);
        if (!Array.isArray(list)) return null;
        const collected: unknown[] = [];
        for (let i = 0; i < list.length; i++) {
          const current = right(list[i]);
          if (current !== null && current !== undefined) collected.push(current);
        }
        return collected;
      };
    }
    case 'value_projection': {
      const base = compileNode(child(node, 0));
      const right = compileNode(child(node, 1));
      return (value) => {
        const obj = base(value);
        if (!isObject(obj)) return null;
        const collected: unknown[] = [];
        for (const key of Object.keys(obj)) {
          const current = right(obj[key]);
          if (current !== null && current !== undefined) collected.push(current);
        }
        return collected;
      };
    }
    case 'multi_select_dict': {
      const pairs = node.children.map((pair) => ({ key: pair.value as string, evaluate: compileNode(child(pair, 0)) }));
      return (value) => {
        if (value === null || value === undefined) return null;
        const collected: JsonObject = {};
        for (const { key, evaluate } of pairs) setKey(collected, key, evaluate(value));
        return collected;
      };
    }
    case 'key_val_pair':
      return compileNode(child(node, 0));
    case 'multi_select_list': {
      const items = node.children.map(compileNode);
      return (value) => {
        if (value === null || value === undefined) return null;
        return items.map((item) => item(value));
      };
    }
    case 'or_expression': {
      const left = compileNode(child(node, 0));
      const right = compileNode(child(node, 1));
      return (value) => {
        const matched = left(value);
        return isFalse(matched) ? right(value) : matched;
      };
    }
    case 'and_expression': {
      const left = compileNode(child(node, 0));
      const right = compileNode(child(node, 1));
      return (value) => {
        const matched = left(value);
        return isFalse(matched) ? matched : right(value);
      };
    }
    case 'not_expression': {
      const inner = compileNode(child(node, 0));
      // Python's `not x`, except that `!0` is false (0 is not special in JMESPath): JMESPath falsiness.
      return (value) => isFalse(inner(value));
    }
  }
}
