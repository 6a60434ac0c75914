export interface ShellArgs {
  browser: boolean;
  port: number;
  open: boolean;
}

/** `--browser`, `--port N`, `--no-open`; anything else is an error with the usage line. */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const args: ShellArgs = { browser: false, port: 0, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--browser') args.browser = true;
    else if (arg === '--no-open') args.open = false;
    else if (arg === '--port' || arg?.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      const port = Number(value);
      if (value === undefined || !/^\d+$/.test(value) || port > 65535) {
        throw new Error(`--port needs a number from 0 to 65535 (0 picks a free port), got "${value ?? ''}".`);
      }
      args.port = port;
    } else {
      throw new Error(`Unknown option "${arg}". Usage: npm start -- [--browser] [--port N] [--no-open]`);
    }
  }
  return args;
}
