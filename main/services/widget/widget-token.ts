/**
 * Decoding a widget token (contract §10.1) and reading its inner scoped JWT's claims (§2.6).
 *
 * The decoded value keeps both tokens in private fields: `facts()` is the only thing meant to leave
 * main, and `toJSON` / Node's inspect print the facts too, so a stray `JSON.stringify`, log line or
 * IPC answer can never carry a token by accident.
 */

const PREFIX = 'Failed to decode token: ';
/** The vendor library's words (§10.1), so what the app says matches what a developer will see. */
export const NOT_BASE64 = `${PREFIX}Invalid token format: could not decode base64`;
export const MISSING_WIDGET_URL = `${PREFIX}Invalid token: missing widgetUrl`;
export const MISSING_TOKEN = `${PREFIX}Invalid token: missing token`;
export const BAD_WIDGET_URL = `${PREFIX}Invalid token: widgetUrl is not an absolute http(s) URL`;

export class WidgetTokenError extends Error {
  override readonly name = 'WidgetTokenError';
}

/** The claims the app shows and schedules by; read without verifying (the server's 401/403 decides access). */
export interface ScopedClaims {
  workspaceId: string | null;
  /** Seconds since the epoch, as in the JWT. */
  exp: number | null;
  iat: number | null;
  issuer: string | null;
  type: string | null;
  roles: string[];
}

export interface WidgetTokenFacts {
  widgetUrl: string;
  widgetOrigin: string;
  claims: ScopedClaims;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** §10.1 steps: trim; URL-safe → standard alphabet; pad to a multiple of 4; strict base64; UTF-8; JSON. */
function decodeBase64Json(raw: string): unknown {
  const standard = raw.trim().replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
  // Buffer.from(…, 'base64') skips characters it does not know instead of failing, so the alphabet
  // and length are checked first: garbage must be reported, not half-decoded.
  if (standard.length === 0 || standard.length % 4 === 1 || !BASE64.test(padded)) throw new WidgetTokenError(NOT_BASE64);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(padded, 'base64'));
    return JSON.parse(text) as unknown;
  } catch {
    throw new WidgetTokenError(NOT_BASE64);
  }
}

function absoluteHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** A JWT's payload (base64url, unpadded), or null when the token is not a JWT. */
function jwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    const payload = JSON.parse(json) as unknown;
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function scopedClaims(token: string): ScopedClaims {
  const payload = jwtPayload(token) ?? {};
  const scope = payload['io.airbyte.auth.workspace_scope'];
  const workspaceId = typeof scope === 'object' && scope !== null ? str((scope as Record<string, unknown>).workspaceId) : null;
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  return { workspaceId, exp: num(payload.exp), iat: num(payload.iat), issuer: str(payload.iss), type: str(payload.typ), roles };
}

export class DecodedWidgetToken {
  readonly #widgetToken: string;
  readonly #scopedToken: string;
  readonly #facts: WidgetTokenFacts;

  constructor(widgetToken: string, scopedToken: string, facts: WidgetTokenFacts) {
    this.#widgetToken = widgetToken;
    this.#scopedToken = scopedToken;
    this.#facts = facts;
  }

  /** The whole widget token as minted (for "Copy token", which main writes to the clipboard itself). */
  widgetToken(): string {
    return this.#widgetToken;
  }

  /** The inner scoped JWT: the only token the preview page ever receives (§10.5). */
  scopedToken(): string {
    return this.#scopedToken;
  }

  facts(): WidgetTokenFacts {
    return { ...this.#facts, claims: { ...this.#facts.claims, roles: [...this.#facts.claims.roles] } };
  }

  toJSON(): WidgetTokenFacts {
    return this.facts();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): WidgetTokenFacts {
    return this.facts();
  }
}

/** Decodes by the §10.1 rules; failures are WidgetTokenErrors whose message says what is wrong in words. */
export function decodeWidgetToken(raw: string): DecodedWidgetToken {
  if (typeof raw !== 'string') throw new WidgetTokenError(NOT_BASE64);
  const value = decodeBase64Json(raw);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WidgetTokenError(NOT_BASE64);
  const record = value as Record<string, unknown>;
  if (typeof record.widgetUrl !== 'string' || record.widgetUrl.length === 0) throw new WidgetTokenError(MISSING_WIDGET_URL);
  if (typeof record.token !== 'string' || record.token.length === 0) throw new WidgetTokenError(MISSING_TOKEN);
  const url = absoluteHttpUrl(record.widgetUrl);
  if (!url) throw new WidgetTokenError(BAD_WIDGET_URL);
  return new DecodedWidgetToken(raw.trim(), record.token, {
    widgetUrl: record.widgetUrl,
    widgetOrigin: url.origin,
    claims: scopedClaims(record.token),
  });
}
