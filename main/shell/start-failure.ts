/**
 * Why the browser shell could not start, in words and with the fix: a busy port is the common case
 * (another copy of the console, or any program on that port), and a raw `EADDRINUSE` says neither.
 */
export function startFailure(error: unknown, argv: readonly string[]): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const at = argv.indexOf('--port');
  const port = at >= 0 ? argv[at + 1] : undefined;
  const which = port ? `Port ${port}` : 'The port';
  if (code === 'EADDRINUSE') {
    return `${which} is already in use on 127.0.0.1 (another copy of the console, or another program). Stop it, or start on another port: npm start -- --port <number> (0 picks a free one).`;
  }
  if (code === 'EACCES') return `${which} needs special rights on this machine. Start on a port above 1024: npm start -- --port <number>.`;
  return `The browser shell could not start: ${error instanceof Error ? error.message : String(error)}`;
}
