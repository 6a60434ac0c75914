import type { z } from 'zod';
import { unprocessable, type FieldError } from './http';

/**
 * Parses `value` with `schema`, or throws FastAPI's 422 list form with `loc` prefixed (body, query…).
 * Missing fields read "field required" / value_error.missing like the vendor's answers.
 */
export function parseOr422<T extends z.ZodType>(schema: T, value: unknown, prefix: Array<string | number>): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => {
    const loc = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
    if (missing) return { loc, msg: 'field required', type: 'value_error.missing' };
    if (issue.code === 'invalid_type') return { loc, msg: issue.message, type: `type_error.${(issue as { expected?: string }).expected ?? 'value'}` };
    return { loc, msg: issue.message, type: 'value_error' };
  });
  throw unprocessable(errors);
}
