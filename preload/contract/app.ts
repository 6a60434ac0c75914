import { z } from 'zod';
import { channel } from './define';

export const shellKindSchema = z.enum(['desktop', 'browser']);
export type ShellKind = z.infer<typeof shellKindSchema>;

export const keychainUnavailableReasonSchema = z.enum([
  'module_missing',
  'no_dbus_session',
  'no_secret_service',
  'locked',
  'timeout',
  'unknown',
]);

/** Whether credentials can be kept in the OS keychain, and if not, why and what to do. */
export const keychainHealthSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('available'), backend: z.string() }),
  z.object({
    status: z.literal('unavailable'),
    reason: keychainUnavailableReasonSchema,
    message: z.string(),
    remedy: z.string(),
  }),
]);
export type KeychainHealth = z.infer<typeof keychainHealthSchema>;

export const appReportSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** The git commit the build was made from (short hash, "-dirty" with uncommitted changes), or "unknown". */
  commit: z.string(),
  shell: shellKindSchema,
  platform: z.object({ os: z.string(), arch: z.string(), release: z.string() }),
  runtime: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
  keychain: keychainHealthSchema,
  activeProfile: z.object({ id: z.string(), name: z.string(), baseUrl: z.string() }),
  channels: z.array(z.string()),
});
export type AppReport = z.infer<typeof appReportSchema>;

export const appChannels = {
  report: channel({
    summary: 'Version, running shell, platform, keychain health and the active profile.',
    input: z.undefined(),
    output: appReportSchema,
  }),
  checkKeychain: channel({
    summary: 'Probe the OS keychain again (after the user unlocked or started it).',
    input: z.undefined(),
    output: keychainHealthSchema,
  }),
};
