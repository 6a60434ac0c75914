import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeInvalidInput, fieldLabel } from '../../main/ipc/input-messages';
import { listChannels, profileFieldsSchema } from '../../preload/contract';

// What a person reads when the app refuses an input: one sentence per field, no channel or schema jargon.
const words = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return describeInvalidInput(parsed.error);
};

describe('input messages', () => {
  it('labels fields in words', () => {
    expect(fieldLabel(['baseUrl'])).toBe('Base URL');
    expect(fieldLabel(['changes', 'tokenUrl'])).toBe('Token URL');
    expect(fieldLabel(['draft', 'partial_default_config'])).toBe('Partial default config');
    expect(fieldLabel(['tags', 3])).toBe('Tags');
    expect(fieldLabel([])).toBe('The input');
  });

  it('says a profile problem once, in a sentence, with the schema’s own words', () => {
    const bad = words(profileFieldsSchema, { name: 'x'.repeat(81), baseUrl: 'ftp://example.com' });
    expect(bad.issues).toEqual([
      { path: 'name', message: 'Name is too long (at most 80 characters).' },
      { path: 'baseUrl', message: 'Base URL must be an https:// URL.' },
    ]);
    expect(bad.message).toBe('Name is too long (at most 80 characters). (1 more problem below.)');
    // Not "Invalid URL" and "must be an http(s) URL" twice over, and no zod operator talk.
    const one = words(profileFieldsSchema, { name: 'ok', baseUrl: 'not a url' });
    expect(one.issues).toHaveLength(1);
    expect(one.message).toBe('Base URL is not a valid URL.');
    expect(words(profileFieldsSchema, { name: '' }).message).toBe('Name is required.');
  });

  it('never names a channel or a zod default text, whatever the channel', () => {
    const channelNames = listChannels().map((c) => c.name);
    for (const { spec } of listChannels()) {
      for (const input of [42, { id: 7, name: 7, file: 7 }, { name: 'x'.repeat(100_000) }]) {
        const parsed = spec.input.safeParse(input);
        if (parsed.success) continue;
        const { message, issues } = describeInvalidInput(parsed.error);
        for (const text of [message, ...issues.map((i) => i.message)]) {
          expect(channelNames.some((name) => text.includes(name)), text).toBe(false);
          expect(text).not.toMatch(/Too big|Too small|expected string to have|received number|Invalid input:/);
        }
      }
    }
  });
});
