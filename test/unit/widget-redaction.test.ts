import { describe, expect, it } from 'vitest';
import { REDACTED, redactPayload, secretPathsOfSpec, sourceTemplateIdOf } from '../../main/services/widget/event-redaction';

describe('widget event redaction', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlMTIz';
  const spec = {
    type: 'object',
    properties: {
      host: { type: 'string' },
      password: { type: 'string', airbyte_secret: true },
      tunnel: { type: 'object', oneOf: [{ properties: { ssh_key: { type: 'string', airbyte_secret: true } } }] },
      passphrase_like: { type: 'string', airbyte_secret: true },
    },
  };

  it('collects airbyte_secret paths through nested objects and oneOf branches', () => {
    expect([...secretPathsOfSpec(spec)].sort()).toEqual(['passphrase_like', 'password', 'tunnel.ssh_key']);
  });

  it('redacts spec secrets inside a source’s configuration, token-like keys and JWT-looking strings anywhere', () => {
    const event = {
      type: 'end_user_action_result',
      message: 'source_created',
      data: { id: 's1', source_template: { id: 'abc-123' }, replication_config: { host: 'db', passphrase_like: 'hunter2', tunnel: { ssh_key: 'KEY' } }, note: `bearer ${jwt}` },
      scopedAuthToken: jwt,
      nested: { apiKey: 'k', client_secret: 's' },
    };
    const out = redactPayload(event, secretPathsOfSpec(spec)) as { data: { replication_config: unknown; note: string }; scopedAuthToken: string; nested: unknown };
    expect(out.data.replication_config).toEqual({ host: 'db', passphrase_like: REDACTED, tunnel: { ssh_key: REDACTED } });
    expect(out.scopedAuthToken).toBe(REDACTED);
    expect(out.nested).toEqual({ apiKey: REDACTED, client_secret: REDACTED });
    expect(out.data.note).toBe('bearer [redacted JWT]');
    expect(JSON.stringify(out)).not.toContain('eyJ');
    expect(sourceTemplateIdOf(event)).toBe('abc-123');
  });

  it('redacts a base64 widget token and bounds hostile payloads without touching prototypes', () => {
    const widgetToken = Buffer.from(JSON.stringify({ token: jwt, widgetUrl: 'http://x/' })).toString('base64');
    expect(redactPayload({ text: widgetToken })).toEqual({ text: '[redacted token]' });
    const hostile = JSON.parse('{"__proto__":{"polluted":1}}') as object;
    const out = redactPayload(hostile) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(JSON.stringify(redactPayload(deep))).toContain('[too deep]');
  });
});
