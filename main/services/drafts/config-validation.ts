import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { canonicalJson } from '../../../lib/templates/canonical-json';
import { dottedPointer, jsonCopy, secretReferences, withoutPointers } from '../../../lib/templates/json-pointers';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Problems listed per draft; past this the rest are summed up (one wrong shape can cascade). */
const MAX_PROBLEMS = 10;
/** Compiled specs kept (one per connector a plan meets; compiling is the slow part). */
const MAX_COMPILED = 64;

/** Keywords whose value is one subschema, or a list or map of them: where `required` may hide. */
const ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems'];
const MANY = ['oneOf', 'anyOf', 'allOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];

/**
 * The spec as a schema for a partial config: nothing is required (a template leaves fields to the end
 * user), `oneOf` becomes `anyOf` (with nothing required, a partial auth block fits several branches),
 * and `$schema`/`$id` are dropped (Ajv would refuse an unknown meta-schema or a repeated id).
 */
export function partialSchemaOf(spec: JsonObject): JsonObject {
  const walk = (node: unknown, depth: number): unknown => {
    if (depth > 64) return {};
    if (Array.isArray(node)) return node.map((n) => walk(n, depth + 1));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'required' && Array.isArray(value)) continue;
      if (key === '$schema' || key === '$id') continue;
      if (key === 'dependencies' && isObject(value)) continue; // property → required-list dependencies are "required" too
      const target = key === 'oneOf' ? 'anyOf' : key;
      if (ONE.includes(key) || MANY.includes(key)) out[target] = walk(value, depth + 1);
      else if (MAP.includes(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, depth + 1)]));
      else out[target] = jsonCopy(value);
    }
    return out;
  };
  return walk(spec, 0) as JsonObject;
}

/** A value as a message shows it: short, and never a whole object. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function messageOf(error: ErrorObject, value: unknown): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${typeWords(p.type)} (it is ${shown(value)})`;
    case 'enum':
      return `must be one of ${(Array.isArray(p.allowedValues) ? p.allowedValues : []).map((v) => JSON.stringify(v)).join(', ')} (it is ${shown(value)})`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)} (it is ${shown(value)})`;
    case 'anyOf':
      return 'matches none of the shapes the connector allows here';
    case 'minimum':
      return `must be at least ${String(p.limit)} (it is ${shown(value)})`;
    case 'maximum':
      return `must be at most ${String(p.limit)} (it is ${shown(value)})`;
    case 'exclusiveMinimum':
      return `must be more than ${String(p.limit)} (it is ${shown(value)})`;
    case 'exclusiveMaximum':
      return `must be less than ${String(p.limit)} (it is ${shown(value)})`;
    case 'minLength':
      return `must have at least ${String(p.limit)} characters (it is ${shown(value)})`;
    case 'maxLength':
      return `must have at most ${String(p.limit)} characters`;
    case 'pattern':
      return `must match the pattern ${String(p.pattern)} (it is ${shown(value)})`;
    case 'minItems':
      return `must list at least ${String(p.limit)} items`;
    case 'maxItems':
      return `must list at most ${String(p.limit)} items`;
    case 'additionalProperties':
      return `has a field the connector does not know: “${String(p.additionalProperty)}”`;
    default:
      return `${error.message ?? 'is not valid'} (it is ${shown(value)})`;
  }
}

function valueAtPointer(document: unknown, pointer: string): unknown {
  let current = document;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current) && Object.prototype.hasOwnProperty.call(current, token)) current = current[token];
    else return undefined;
  }
  return current;
}

/**
 * Checks a draft's `partial_default_config` against its connector's spec, so Plan says why a config is
 * invalid before the server does (and in plain words, with the field). Secret fields and `$secret`
 * references are left out first: a reference stands for a value sent at publish, and a plain secret
 * is already reported (its value must never appear in a message).
 */
export class ConfigValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  private readonly compiled = new Map<string, ValidateFunction | null>();
  /** The same spec object comes back for every draft of a connector: no re-serializing it per draft. */
  private readonly byObject = new WeakMap<JsonObject, ValidateFunction | null>();

  constructor(private readonly onError?: (message: string, error: unknown) => void) {}

  private validatorOf(spec: JsonObject): ValidateFunction | null {
    if (this.byObject.has(spec)) return this.byObject.get(spec) ?? null;
    const key = canonicalJson(spec);
    if (this.compiled.has(key)) {
      const known = this.compiled.get(key) ?? null;
      this.byObject.set(spec, known);
      return known;
    }
    let validate: ValidateFunction | null = null;
    try {
      validate = this.ajv.compile(partialSchemaOf(spec));
    } catch (error) {
      // A spec Ajv cannot read is the server's problem, not the draft's: nothing is said about the config.
      this.onError?.('a connector spec could not be compiled for validation:', error);
    }
    if (this.compiled.size >= MAX_COMPILED) this.compiled.delete(this.compiled.keys().next().value ?? key);
    this.compiled.set(key, validate);
    this.byObject.set(spec, validate);
    return validate;
  }

  /** Plain-words problems, each starting with the field (`partial_default_config.port: …`). */
  problems(config: JsonObject, spec: JsonObject, secretPaths: readonly string[]): string[] {
    const validate = this.validatorOf(spec);
    if (!validate) return [];
    const checked = withoutPointers(config, [...secretPaths, ...secretReferences(config).map((r) => r.pointer)]);
    if (validate(checked)) return [];
    const errors = validate.errors ?? [];
    // The errors inside the branches of a failed anyOf are noise beside the anyOf's own.
    const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
    const kept = errors.filter((e) => !unions.some((u) => e.schemaPath.startsWith(u)));
    const messages = [
      ...new Set(
        kept.map((e) => {
          const at = dottedPointer(e.instancePath);
          return `partial_default_config${at ? `.${at}` : ''}: ${messageOf(e, valueAtPointer(checked, e.instancePath))}`;
        }),
      ),
    ];
    if (messages.length <= MAX_PROBLEMS) return messages;
    return [...messages.slice(0, MAX_PROBLEMS), `…and ${messages.length - MAX_PROBLEMS} more problems in partial_default_config.`];
  }
}
