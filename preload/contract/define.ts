import type { z } from 'zod';

/** One IPC method: what it takes and what it answers. Types elsewhere are inferred from these schemas. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** One sentence for the diagnostics view and for reviewers. */
  readonly summary: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

export type Namespace = Readonly<Record<string, ChannelSpec>>;
