export type ElectronAvailability =
  | { ok: true; executable: string; version: string }
  | { ok: false; reason: string };

export function electronAvailability(options: {
  root: string;
  env?: Record<string, string | undefined>;
  platform?: string;
}): ElectronAvailability;
