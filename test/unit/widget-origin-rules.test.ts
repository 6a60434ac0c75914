import { describe, expect, it } from 'vitest';
import { checkAllowedOrigin, checkOriginStrict } from '../../main/services/widget/origin-rules';

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
    expect(fix('https://yourapp.com/')).toContain('https://yourapp.com.');
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
