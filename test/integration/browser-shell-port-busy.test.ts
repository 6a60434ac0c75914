import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFailure } from '../../main/shell/start-failure';
import { ensureBrowserShellBuilt } from '../support/browser-shell-process';

// A port already taken is the common start-up failure: the built shell says so in words, with the fix.
describe('browser shell on a busy port', () => {
  it('explains the busy port and how to pick another, instead of a raw EADDRINUSE', async () => {
    await ensureBrowserShellBuilt();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const child = spawn(process.execPath, [path.resolve(__dirname, '../../out/main/browser.js'), '--no-open', '--port', String(port)], {
        env: { ...process.env, EMBEDDED_CONSOLE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ec-busy-')) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output.trim()).toBe(`Port ${port} is already in use on 127.0.0.1 (another copy of the console, or another program). Stop it, or start on another port: npm start -- --port <number> (0 picks a free one).`);
      expect(output).not.toContain('EADDRINUSE');
    } finally {
      blocker.close();
    }
  }, 180_000);

  it('keeps other failures’ own words', () => {
    expect(startFailure(new Error('boom'), [])).toBe('The browser shell could not start: boom');
    expect(startFailure(Object.assign(new Error('listen EACCES'), { code: 'EACCES' }), ['--port', '80'])).toMatch(/^Port 80 needs special rights/);
  });
});
