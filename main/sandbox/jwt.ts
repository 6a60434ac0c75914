import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Header of vendor scoped tokens (contract §2.6), kept byte-for-byte. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

export const TYP_SCOPED = 'io.airbyte.auth.embedded_v1';
/** Operator tokens are opaque to clients; the sandbox marks them with their own `typ`. */
export const TYP_OPERATOR = 'io.airbyte.auth.application_v1';

export type Claims = Record<string, unknown> & { typ: string; exp: number };

/** HS256 look-alike JWTs signed with a per-process secret: a restart invalidates every token. */
export class TokenSigner {
  private readonly secret = randomBytes(32);

  sign(claims: Claims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = createHmac('sha256', this.secret).update(`${HEADER}.${payload}`).digest('base64url');
    return `${HEADER}.${payload}.${signature}`;
  }

  /** The claims of a token we signed that has not expired, or null. */
  verify(token: string, nowSeconds: number): Claims | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [header, payload, signature] = parts as [string, string, string];
    if (header !== HEADER) return null;
    const expected = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof claims !== 'object' || claims === null) return null;
    const { typ, exp } = claims as Claims;
    if (typeof typ !== 'string' || typeof exp !== 'number' || exp <= nowSeconds) return null;
    return claims as Claims;
  }
}
