import { mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronAvailability } from '../../scripts/lib/electron-availability.mjs';

function fakeInstall({ binary }: { binary?: string }) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'electron-'));
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  if (binary !== undefined) {
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    writeFileSync(path.join(pkg, 'dist', 'electron'), binary);
    chmodSync(path.join(pkg, 'dist', 'electron'), 0o755);
  }
  return root;
}

describe('electron availability (decides the shell npm start runs)', () => {
  it('says the binary was never downloaded', () => {
    expect(electronAvailability({ root: fakeInstall({}), env: { DISPLAY: ':0' } })).toEqual({
      ok: false,
      reason: expect.stringContaining('never downloaded'),
    });
  });
  it('says when there is no display on Linux', () => {
    const result = electronAvailability({ root: fakeInstall({ binary: '#!/bin/sh\necho v45\n' }), env: {}, platform: 'linux' });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('no graphical display') });
  });
  it('says when the binary does not run', () => {
    const result = electronAvailability({ root: fakeInstall({ binary: '#!/bin/sh\necho "libnss3.so: cannot open" >&2\nexit 127\n' }), env: { DISPLAY: ':0', PATH: process.env.PATH } });
    expect(result).toEqual({ ok: false, reason: 'the Electron binary does not run here (libnss3.so: cannot open)' });
  });
  it('accepts a binary that runs', () => {
    const result = electronAvailability({ root: fakeInstall({ binary: '#!/bin/sh\necho v45.3.4\n' }), env: { DISPLAY: ':0', PATH: process.env.PATH } });
    expect(result).toMatchObject({ ok: true, version: 'v45.3.4' });
  });
});
