/**
 * A stored client secret is bound to the connection settings it was entered for: where it is sent
 * (the API base URL and the token URL) and who could read it on the way (the proxy and the extra CA
 * file). The renderer is untrusted, so main enforces this: a secret is released only for the exact
 * settings it was saved with, and changing any of them clears it.
 */
export interface CredentialBinding {
  baseUrl: string;
  tokenUrl: string | null;
  proxy: string | null;
  caFile: string | null;
}

interface ConnectionSettings {
  baseUrl: string;
  tokenUrl?: string | undefined;
  proxy?: string | undefined;
  caFile?: string | undefined;
}

const FIELD_WORDS: Record<keyof CredentialBinding, string> = {
  baseUrl: 'API base URL',
  tokenUrl: 'token URL',
  proxy: 'HTTPS proxy',
  caFile: 'extra CA file',
};

export function bindingOf(settings: ConnectionSettings): CredentialBinding {
  return { baseUrl: settings.baseUrl, tokenUrl: settings.tokenUrl ?? null, proxy: settings.proxy ?? null, caFile: settings.caFile ?? null };
}

/** The settings that differ, in words ("API base URL and token URL"), or null when none does. */
export function bindingChange(before: CredentialBinding, after: CredentialBinding): string | null {
  const changed = (Object.keys(FIELD_WORDS) as Array<keyof CredentialBinding>).filter((key) => before[key] !== after[key]).map((key) => FIELD_WORDS[key]);
  if (changed.length === 0) return null;
  return changed.length === 1 ? changed[0]! : `${changed.slice(0, -1).join(', ')} and ${changed.at(-1)}`;
}

/** Reads a binding back from storage; anything malformed counts as no binding (never released). */
export function parseBinding(raw: unknown): CredentialBinding | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const optional = (v: unknown) => v === null || typeof v === 'string';
  if (typeof r.baseUrl !== 'string' || !optional(r.tokenUrl) || !optional(r.proxy) || !optional(r.caFile)) return null;
  return { baseUrl: r.baseUrl, tokenUrl: (r.tokenUrl as string | null) ?? null, proxy: (r.proxy as string | null) ?? null, caFile: (r.caFile as string | null) ?? null };
}
