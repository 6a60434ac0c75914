import { z } from 'zod';

/** A fault rule of `POST /__sandbox/faults` (sandbox extension, test-only). */
export const faultSchema = z.object({
  route: z.string().regex(/^(\*|[A-Z]+) \/\S*$/, 'route must look like "METHOD /path/pattern" (METHOD may be *)'),
  kind: z.enum(['status', 'latency', 'reset', 'truncate']),
  status: z.number().int().min(100).max(599).optional(),
  retry_after_s: z.number().min(0).optional(),
  /** Retry-After as an HTTP date instead of seconds. */
  retry_after_date: z.boolean().optional(),
  /** `envelope`: the 2026 `{message, errors}` body style, to exercise the client's second parser. */
  body_style: z.enum(['detail', 'envelope']).optional(),
  body: z.unknown().optional(),
  ms: z.number().int().min(0).max(120_000).optional(),
  /** How many matching requests it hits; default 1. */
  times: z.number().int().min(1).optional(),
});
export type FaultRule = z.infer<typeof faultSchema>;

interface ActiveFault {
  rule: FaultRule;
  method: string;
  pattern: RegExp;
  remaining: number;
}

/** `{param}` matches one segment, `*` anything (including slashes). */
function compile(pathPattern: string): RegExp {
  const escaped = pathPattern
    .split(/(\{[^}]+\}|\*)/)
    .map((part) => (part === '*' ? '.*' : /^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

export class FaultTable {
  private faults: ActiveFault[] = [];

  add(rule: FaultRule): void {
    const [method = '*', path = '/'] = rule.route.split(' ');
    this.faults.push({ rule, method, pattern: compile(path), remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  /** The first rule matching this request, consumed once. */
  take(method: string, path: string): FaultRule | null {
    const index = this.faults.findIndex((f) => (f.method === '*' || f.method === method) && f.pattern.test(path));
    if (index < 0) return null;
    const fault = this.faults[index] as ActiveFault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.rule;
  }
}
