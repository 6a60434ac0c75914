import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStaticFile, resolveStaticPath } from '../../main/security/static-files';

describe('static file guard', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'static-'));
  const root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'do not serve');
  writeFileSync(path.join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');

  it('maps / and plain paths inside the root', async () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect((await readStaticFile(root, '/assets/app.js'))?.contentType).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/../renderer-evil.txt',
  ])('refuses %s', async (attack) => {
    expect(resolveStaticPath(root, attack)).toBeNull();
    expect(await readStaticFile(root, attack)).toBeNull();
  });

  it('answers null for a missing file', async () => {
    expect(await readStaticFile(root, '/nope.js')).toBeNull();
  });
});
