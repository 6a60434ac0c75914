import { expect, it, vi } from 'vitest';

// The entry point (main/index.ts) runs on import; Electron and the shell are faked.
const fakes = vi.hoisted(() => ({
  app: { exit: vi.fn() },
  startDesktopShell: vi.fn(() => Promise.reject(new Error('protocol registration failed'))),
}));
vi.mock('electron', () => ({ app: fakes.app }));
vi.mock('../../main/desktop-shell', () => ({ startDesktopShell: fakes.startDesktopShell }));

it('says why on stderr and exits non-zero when the desktop shell fails to start', async () => {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
  await import('../../main/index');
  await vi.waitFor(() => expect(fakes.app.exit).toHaveBeenCalledWith(1));
  expect(fakes.startDesktopShell).toHaveBeenCalledOnce();
  expect(lines.join('\n')).toMatch(/\[desktop\] Embedded Console could not start and will quit\..*protocol registration failed/);
});
