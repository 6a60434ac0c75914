import { findIllFormedString } from './well-formed';
import type { z } from 'zod';

/** One IPC method: what it takes and what it answers. Types elsewhere are inferred from these schemas. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** One sentence for the diagnostics view and for reviewers. */
  readonly summary: string;
}

/**
 * Declares a channel. Every input schema gets one more rule here, so no channel can forget it:
 * no string anywhere in the input may be ill-formed Unicode.
 */
export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  const input = spec.input.superRefine((value, ctx) => {
    const path = findIllFormedString(value);
    if (path) ctx.addIssue({ code: 'custom', path, message: 'contains ill-formed Unicode (a lone surrogate)' });
  });
  return { ...spec, input };
}

export type Namespace = Readonly<Record<string, ChannelSpec>>;
