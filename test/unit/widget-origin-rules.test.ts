import { describe, expect, it } from 'vitest';
import { checkAllowedOrigin, checkOriginStrict } from '../../main/services/widget/origin-rules';
import { widgetChannels } from '../../preload/contract/widget';
import { ORIGIN_MAX_LENGTH } from '../../renderer/features/widget/widget-store';

// Every row of contract §10.3, then the sandbox's stricter rules, then the client's two repairs.

describe('allowed origin rules (§10.3 table)', () => {
  const rows: Array<[value: string, ok: boolean, rule?: string]> = [
    ['https://yourapp.com', true],
    ['https://yourapp.com:443', true],
    ['http://localhost:3000', true],
    ['http://127.0.0.1:5173', true],
    ['https://yourapp.com/', false, 'no-trailing-slash'],
    ['yourapp.com', false, 'scheme-required'],
    ['*.yourapp.com', false, 'no-wildcards'],
  ];
  for (const [value, ok, rule] of rows) {
    it(`${value} → ${ok ? 'accepted' : `refused (${rule})`}`, () => {
      const result = checkOriginStrict(value);
      expect(result.ok).toBe(ok);
      if (result.ok) expect(result.origin).toBe(value);
      else {
        expect(result.rule).toBe(rule);
        expect(result.message.length).toBeGreaterThan(10);
        expect(result.fix.length).toBeGreaterThan(10);
      }
    });
  }

  it('says how to fix each refused row', () => {
    const fix = (v: string) => {
      const r = checkOriginStrict(v);
      return r.ok ? '' : r.fix;
    };
    expect(fix('https://yourapp.com/')).toBe('Use https://yourapp.com.');
    expect(fix('yourapp.com')).toContain('https://yourapp.com');
    expect(fix('*.yourapp.com')).toMatch(/exact origin/);
  });

  it('notes that 127.0.0.1 and localhost are different origins, and the default port', () => {
    const loopback = checkOriginStrict('http://127.0.0.1:5173');
    expect(loopback.ok && loopback.warnings.join(' ')).toContain('different origin from http://localhost:5173');
    const port = checkOriginStrict('https://yourapp.com:443');
    expect(port.ok && port.warnings.join(' ')).toContain('https://yourapp.com');
  });
});

describe('allowed origin rules (sandbox validation, §10.3)', () => {
  const refused: Array<[string, string]> = [
    ['https://yourapp.com/app', 'no-path'],
    ['https://yourapp.com?x=1', 'no-query'],
    ['https://yourapp.com#top', 'no-fragment'],
    ['https://user:pw@yourapp.com', 'no-credentials'],
    ['null', 'null-origin'],
    ['file:///Users/me/page.html', 'scheme-http-https'],
    ['app://console', 'scheme-http-https'],
    ['ftp://yourapp.com', 'scheme-http-https'],
    ['HTTPS://yourapp.com', 'lowercase'],
    ['https://yourapp.com:0', 'port'],
    ['https://yourapp.com:70000', 'port'],
    ['https://yourapp.com:', 'port'],
    ['https://your_app!.com', 'host'],
    ['https:/yourapp.com', 'authority-required'],
    ['localhost:3000', 'scheme-required'],
    ['yourapp.com:8443', 'scheme-required'],
    ['javascript:alert(1)', 'scheme-http-https'],
    ['mailto:me@yourapp.com', 'scheme-http-https'],
    [' https://yourapp.com', 'whitespace'],
    ['', 'required'],
  ];
  for (const [value, rule] of refused) {
    it(`${JSON.stringify(value)} → refused (${rule})`, () => {
      const result = checkOriginStrict(value);
      expect(result).toMatchObject({ ok: false, rule });
    });
  }

  it('accepts an IPv6 loopback origin and warns about plain http off loopback', () => {
    expect(checkOriginStrict('http://[::1]:3000').ok).toBe(true);
    const plain = checkOriginStrict('http://demo.yourapp.com');
    expect(plain.ok && plain.warnings.join(' ')).toMatch(/https in production/);
  });
});

describe('the client’s repairs before minting', () => {
  it('strips one trailing slash and lowercases, with a notice each', () => {
    expect(checkAllowedOrigin('https://yourapp.com/')).toMatchObject({ ok: true, origin: 'https://yourapp.com', notices: [expect.stringContaining('trailing slash')] });
    expect(checkAllowedOrigin('HTTPS://YourApp.com/')).toMatchObject({ ok: true, origin: 'https://yourapp.com', notices: [expect.stringContaining('trailing slash'), expect.stringContaining('lower case')] });
  });

  it('does not repair anything else', () => {
    expect(checkAllowedOrigin('https://yourapp.com//')).toMatchObject({ ok: false, rule: 'no-path' });
    expect(checkAllowedOrigin('*.yourapp.com')).toMatchObject({ ok: false, rule: 'no-wildcards' });
    expect(checkAllowedOrigin('yourapp.com')).toMatchObject({ ok: false, rule: 'scheme-required' });
  });
});

describe('what the user reads', () => {
  const everyRefusal = [
    '',
    ' https://yourapp.com',
    'null',
    '*.yourapp.com',
    'yourapp.com',
    'localhost:3000',
    'javascript:alert(1)',
    'file:///Users/me/page.html',
    'https:/yourapp.com',
    'https://user:pw@yourapp.com',
    'https://yourapp.com/',
    'https://yourapp.com/app',
    'https://yourapp.com?x=1',
    'https://yourapp.com#top',
    'https://your_app!.com',
    'https://yourapp.com:70000',
    'https://yourapp.com:',
    'HTTPS://yourapp.com',
  ];

  it.each(everyRefusal)('%j is refused in one plain sentence that says what to write', (value) => {
    const result = checkOriginStrict(value);
    if (result.ok) throw new Error('accepted');
    // One sentence: a capital (or a quote) first, one full stop at the very end, no rule id, no "Fix:".
    expect(result.message).toMatch(/^[A-Z“]/);
    expect(result.message.endsWith('.')).toBe(true);
    expect(result.message.slice(0, -1)).not.toMatch(/[.!?]\s/);
    // Rule ids ("scheme-http-https") are for tests; plain-word ones ("host", "port") may be said.
    if (result.rule.includes('-')) expect(result.message).not.toContain(result.rule);
    expect(result.message).not.toMatch(/fix:|check failed|scheme-|\bundefined\b/i);
    expect(result.message).toMatch(/\b(use|write|type|remove|name)\b/i);
  });

  it('says a non-web scheme is not allowed instead of calling the scheme missing', () => {
    const result = checkOriginStrict('javascript:alert(1)');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('“javascript:”');
    expect(result.message).not.toMatch(/missing|https:\/\/javascript/);
  });

  it('offers the corrected value where there is one', () => {
    const message = (v: string) => {
      const r = checkOriginStrict(v);
      return r.ok ? '' : r.message;
    };
    expect(message('localhost:3000')).toContain('http://localhost:3000');
    expect(message('https://yourapp.com/app?x=1')).toContain('use https://yourapp.com.');
    expect(message('https://me@yourapp.com')).toContain('use https://yourapp.com.');
    expect(message('HTTPS://YourApp.com')).toContain('use https://yourapp.com.');
  });

  it('refuses a value too long to be an origin without echoing it back', () => {
    for (const value of [`https://${'x'.repeat(2040)}`, `localhost:${'1'.repeat(2000)}`]) {
      const r = checkOriginStrict(value);
      expect(r).toMatchObject({ ok: false, rule: 'too-long' });
      expect(r.ok ? '' : r.message).toMatch(/^An origin is a scheme, a host name and a port, at most 267 characters; this is 2,0\d\d: /);
      expect((r.ok ? '' : r.message).length).toBeLessThan(200);
    }
    // The longest real origin still passes the length rule.
    expect(checkOriginStrict(`https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}:65535`).ok).toBe(true);
  });

  it('limits the field to what the contract accepts', () => {
    expect(widgetChannels.checkOrigin.input.shape.value.maxLength).toBe(ORIGIN_MAX_LENGTH);
    expect(widgetChannels.mint.input.shape.allowedOrigin.unwrap().maxLength).toBe(ORIGIN_MAX_LENGTH);
  });
});
