import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChannel, parseRequestTarget } from '../../main/shell/request-target';

describe('parseRequestTarget', () => {
  it.each([
    ['/', '/'],
    ['/index.html', '/index.html'],
    ['/assets/app-x_1.js?v=2', '/assets/app-x_1.js'],
    ['/ipc/app:report', '/ipc/app:report'],
    ['/ipc/app%3Areport', '/ipc/app%3Areport'],
    // Malformed escapes are the consumer's to refuse: the IPC route answers them with an envelope.
    ['/ipc/%E0', '/ipc/%E0'],
    ['/ipc/%ZZ', '/ipc/%ZZ'],
    // Empty segments and `@` are legal path characters; they name files that do not exist.
    ['//', '//'],
    ['//@', '//@'],
    ['/?q=[raw]|^', '/'],
  ])('reads %s as the path %s', (target, path) => {
    expect(parseRequestTarget(target)).toBe(path);
  });

  it.each([
    [undefined],
    [''],
    ['*'],
    ['index.html'],
    ['http://127.0.0.1:4000/'],
    ['127.0.0.1:4000'],
    ['//['],
    ['/\\'],
    ['/a]'],
    ['/#secret=x'],
    ['/caf\u00e9'],
    ['/\u0000'],
    ['/?q=\u00e9'],
  ])('refuses %j', (target) => {
    expect(parseRequestTarget(target)).toBeNull();
  });

  it('never throws, and whatever it returns is an absolute path without query or fragment', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' }).map((s) => `/${s}`)), (target) => {
        const path = parseRequestTarget(target);
        if (path === null) return;
        expect(path.startsWith('/')).toBe(true);
        expect(path).not.toMatch(/[?#\s\\[\]]/);
        expect(target.startsWith(path)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('decodeChannel', () => {
  it('decodes escapes and returns null for malformed or non-UTF-8 ones', () => {
    expect(decodeChannel('app%3Areport')).toBe('app:report');
    expect(decodeChannel('app:report')).toBe('app:report');
    for (const bad of ['%', '%Z', '%ZZ', '%E0', '%E0%A4%A', '%C0%AF', '%FF', '%ED%A0%80']) expect(decodeChannel(bad)).toBeNull();
  });

  it('never throws and round-trips encodeURIComponent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        decodeChannel(text);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        expect(decodeChannel(encodeURIComponent(name))).toBe(name);
      }),
      { numRuns: 200 },
    );
  });
});
