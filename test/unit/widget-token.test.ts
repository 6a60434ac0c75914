import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeWidgetToken, MISSING_WIDGET_URL, NOT_BASE64, WidgetTokenError } from '../../main/services/widget/widget-token';

// §10.1 decoding: what the sandbox emits (padded base64), URL-safe input, a missing widgetUrl, garbage.

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${b64url({ alg: 'HS256' })}.${b64url(claims)}.c2lnbmF0dXJl`;
const claims = { 'io.airbyte.auth.workspace_scope': { workspaceId: 'a1b2c3d4-e5f6-7890-ab12-cd34ef567890' }, roles: ['EMBEDDED_END_USER'], iss: 'http://127.0.0.1:1', typ: 'io.airbyte.auth.embedded_v1', exp: 1753318050, iat: 1753316850 };
const inner = jwt(claims);
const widgetUrl = 'https://app.airbyte.ai/quick-start/widget?workspaceId=a1b2c3d4-e5f6-7890-ab12-cd34ef567890&allowedOrigin=https%3A%2F%2Fyourapp.com';

/** A payload whose standard base64 has both padding and the characters URL-safe base64 replaces. */
function payloadWithPlusSlashAndPadding(): string {
  for (let i = 0; i < 500; i++) {
    const text = JSON.stringify({ token: inner, widgetUrl: `${widgetUrl}&n=${'~'.repeat(i % 7)}${i}` });
    const b64 = Buffer.from(text).toString('base64');
    if (b64.endsWith('=') && /[+/]/.test(b64)) return text;
  }
  throw new Error('no such payload');
}

function errorOf(fn: () => unknown): WidgetTokenError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WidgetTokenError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('widget token decoding (§10.1)', () => {
  it('decodes standard padded base64 (what the sandbox emits), with the claims of the inner scoped token', () => {
    const raw = Buffer.from(JSON.stringify({ token: inner, widgetUrl })).toString('base64');
    const decoded = decodeWidgetToken(`  ${raw}\n`);
    expect(decoded.scopedToken()).toBe(inner);
    expect(decoded.widgetToken()).toBe(raw);
    expect(decoded.facts()).toEqual({
      widgetUrl,
      widgetOrigin: 'https://app.airbyte.ai',
      claims: { workspaceId: 'a1b2c3d4-e5f6-7890-ab12-cd34ef567890', exp: 1753318050, iat: 1753316850, issuer: 'http://127.0.0.1:1', type: 'io.airbyte.auth.embedded_v1', roles: ['EMBEDDED_END_USER'] },
    });
  });

  it('decodes URL-safe base64 with the padding stripped', () => {
    const text = payloadWithPlusSlashAndPadding();
    const standard = Buffer.from(text).toString('base64');
    const urlSafe = standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(urlSafe).toMatch(/[-_]/);
    expect(decodeWidgetToken(urlSafe).facts().widgetUrl).toBe((JSON.parse(text) as { widgetUrl: string }).widgetUrl);
    expect(decodeWidgetToken(standard).scopedToken()).toBe(inner);
  });

  it('says "missing widgetUrl" when the JSON has none (or an empty one)', () => {
    for (const body of [{ token: inner }, { token: inner, widgetUrl: '' }, { token: inner, widgetUrl: 42 }]) {
      expect(errorOf(() => decodeWidgetToken(Buffer.from(JSON.stringify(body)).toString('base64'))).message).toBe(MISSING_WIDGET_URL);
    }
    expect(MISSING_WIDGET_URL).toBe('Failed to decode token: Invalid token: missing widgetUrl');
  });

  it('refuses a widgetUrl that is not absolute http(s), and a missing inner token, in words', () => {
    const bad = (body: object) => errorOf(() => decodeWidgetToken(Buffer.from(JSON.stringify(body)).toString('base64'))).message;
    expect(bad({ token: inner, widgetUrl: '/quick-start/widget' })).toMatch(/widgetUrl is not an absolute http\(s\) URL/);
    expect(bad({ token: inner, widgetUrl: 'javascript:alert(1)' })).toMatch(/not an absolute http\(s\) URL/);
    expect(bad({ widgetUrl })).toMatch(/missing token/);
  });

  it('reports garbage as "could not decode base64", never half-decoding it', () => {
    const garbage = ['', '   ', 'not base64!', '%%%%', 'abcde', Buffer.from('just text').toString('base64'), Buffer.from('[1,2]').toString('base64'), Buffer.from([0xff, 0xfe, 0x7b]).toString('base64'), 'eyJ0b2tlbiI6', inner];
    for (const raw of garbage) expect(errorOf(() => decodeWidgetToken(raw)).message, raw).toBe(NOT_BASE64);
    expect(NOT_BASE64).toBe('Failed to decode token: Invalid token format: could not decode base64');
  });

  it('reads no claims from an inner token that is not a JWT, without failing the decode', () => {
    const decoded = decodeWidgetToken(Buffer.from(JSON.stringify({ token: 'opaque', widgetUrl })).toString('base64'));
    expect(decoded.facts().claims).toEqual({ workspaceId: null, exp: null, iat: null, issuer: null, type: null, roles: [] });
  });

  it('never shows a token when serialized or inspected', () => {
    const raw = Buffer.from(JSON.stringify({ token: inner, widgetUrl })).toString('base64');
    const decoded = decodeWidgetToken(raw);
    for (const shown of [JSON.stringify(decoded), inspect(decoded, { depth: 10, showHidden: true }), String(Object.keys(decoded))]) {
      expect(shown).not.toContain(inner);
      expect(shown).not.toContain(raw);
      expect(shown).not.toMatch(/eyJ/);
    }
  });
});
