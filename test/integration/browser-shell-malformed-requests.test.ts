import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrowserShellBuilt, rawExchange, startBuiltBrowserShell, type BuiltShell } from '../support/browser-shell-process';

/**
 * Request targets that used to end the browser shell before any authentication: decodeURIComponent
 * and `new URL` threw inside the request listener. Any web page could send them
 * (`new Image().src = 'http://127.0.0.1:P/ipc/%E0'`). They go over a raw socket so each path is on
 * the wire exactly as written (curl --path-as-is), to the built shell in its own process.
 */
describe('browser shell: malformed requests before authentication', () => {
  let shell: BuiltShell;

  beforeAll(async () => {
    await ensureBrowserShellBuilt();
    shell = await startBuiltBrowserShell();
  }, 180_000);
  afterAll(() => shell?.stop());

  const get = (target: string, headers = '') =>
    rawExchange(shell.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\n${headers}Connection: close\r\n\r\n`, { body: true });

  const authenticated = () => `Origin: ${shell.origin}\r\nX-Console-Secret: ${shell.secret}\r\n`;

  const post = (target: string, body: string) =>
    rawExchange(
      shell.port,
      `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\n${authenticated()}Content-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      { body: true },
    );

  it.each(['/ipc/%E0', '/ipc/%', '/ipc/%ZZ'])('refuses %s unauthenticated and stays up', async (target) => {
    const answer = await get(target);
    expect(answer.outcome).toBe('answered');
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(shell.alive()).toBe(true);
  });

  // Empty segments and `@` are legal in a path (a file that is not there); `[` and `\` are not.
  it.each([
    ['//', 404],
    ['//@', 404],
    ['//[', 400],
    ['/\\', 400],
  ])('answers %s with %i and stays up', async (target, status) => {
    const answer = await get(target);
    expect(answer.outcome).toBe('answered');
    expect(answer.status).toBe(status);
    expect(shell.alive()).toBe(true);
  });

  it.each(['/ipc/%E0', '/ipc/%', '/ipc/%ZZ'])('answers an authenticated call to %s with a 400 invalid_input envelope', async (target) => {
    const answer = await post(target, '{}');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('percent-encoded') } });
    expect(shell.alive()).toBe(true);
  });

  it('answers targets that are not a path with 400: absolute-form, asterisk-form, raw non-ASCII, a fragment', async () => {
    for (const target of ['http://127.0.0.1/', '*', '/caf\u00e9', '/#x']) {
      const answer = await rawExchange(shell.port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nConnection: close\r\n\r\n`, 'latin1'));
      expect({ target, status: answer.status }).toEqual({ target, status: 400 });
    }
    expect(shell.alive()).toBe(true);
  });

  it('answers bytes the HTTP parser refuses, CONNECT and oversize heads with a status instead of a dropped socket', async () => {
    const host = `Host: 127.0.0.1:${shell.port}\r\n`;
    const cases: Array<[string, number]> = [
      [`BREW / HTTP/1.1\r\n${host}\r\n`, 400],
      ['\x00\x01\xff not http\r\n\r\n', 400],
      [`CONNECT 127.0.0.1:1 HTTP/1.1\r\n${host}\r\n`, 405],
      [`GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${host}\r\n`, 431],
      // The body is cut short and the client half-closes: Node's parser reports it, we answer it.
      [`POST /ipc/app:report HTTP/1.1\r\n${host}${authenticated()}Content-Length: 100\r\n\r\n{}`, 400],
    ];
    for (const [bytes, status] of cases) {
      const answer = await rawExchange(shell.port, Buffer.from(bytes, 'latin1'));
      expect({ request: bytes.slice(0, 40), status: answer.status }).toEqual({ request: bytes.slice(0, 40), status });
    }
    expect(shell.alive()).toBe(true);
  });

  it('refuses a repeated Host or Origin instead of picking one', async () => {
    const twoHosts = await rawExchange(shell.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(twoHosts.status).toBe(403);
    const twoOrigins = await rawExchange(
      shell.port,
      `POST /ipc/app:report HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\n${authenticated()}Origin: ${shell.origin}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    expect(twoOrigins.status).toBe(403);
  });

  it('still answers a good authenticated call afterwards, and never logged an internal failure', async () => {
    const answer = await post('/ipc/app%3Areport', '{}');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { shell: 'browser' } });
    expect(shell.alive()).toBe(true);
    expect(shell.child.exitCode).toBeNull();
    expect(shell.output()).not.toContain('failed inside the console');
  });
});
