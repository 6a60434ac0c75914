import { describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../main/shell/cli-args';

describe('shell arguments', () => {
  it('defaults to any free port and opening a browser', () => {
    expect(parseShellArgs([])).toEqual({ browser: false, port: 0, open: true });
  });
  it('reads --browser, --port N, --port=N and --no-open', () => {
    expect(parseShellArgs(['--browser', '--port', '8123', '--no-open'])).toEqual({ browser: true, port: 8123, open: false });
    expect(parseShellArgs(['--port=9000']).port).toBe(9000);
  });
  it.each([['--port'], ['--port', 'abc'], ['--port', '70000'], ['--port=-1']])('rejects %j with a usable message', (...argv) => {
    expect(() => parseShellArgs(argv)).toThrow(/--port needs a number from 0 to 65535/);
  });
  it('rejects unknown options with the usage line', () => {
    expect(() => parseShellArgs(['--dev'])).toThrow(/Unknown option "--dev". Usage: npm start/);
  });
});
