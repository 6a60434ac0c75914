import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrowserShellBuilt, rawExchange, startBuiltBrowserShell, type BuiltShell } from '../support/browser-shell-process';

/**
 * HTTP-level fuzzing of the built browser shell over real loopback sockets: random request lines,
 * headers and bodies, sent as raw bytes, unauthenticated and authenticated.
 *
 * The property: every non-empty input gets a parseable HTTP status line, none of them a 500, and
 * the process is alive after each one. That includes bytes that are not HTTP at all: Node's
 * parser refuses them, and the server answers those refusals (400, 431, ...) before closing,
 * rather than dropping the socket. The one input with no answer is zero bytes, which the
 * generators never produce. A request the server is still waiting on (a body shorter than its
 * Content-Length) is settled by half-closing the socket after a quiet spell; the parser then
 * reports the cut-short request, and that is answered too.
 *
 * Bytes are built as Latin-1 strings (one character per byte) and sent verbatim.
 */

const RUNS_PER_MODE = 200;
const TIME_LIMIT_PER_MODE_MS = 12_000;

type Mode = 'unauthenticated' | 'authenticated';

interface Shape {
  method: string;
  target: string;
  version: string;
  headers: Array<[string, string]>;
  body: string;
  framing: 'exact' | 'none' | 'overstated' | 'huge' | 'garbage' | 'duplicate' | 'chunked' | 'chunked-cut';
}

const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((array) => Buffer.from(array).toString('latin1'));
const percentEncoded = fc.uint8Array({ minLength: 1, maxLength: 6 }).map((array) => [...array].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''));
const badPercent = fc.constantFrom('%', '%Z', '%ZZ', '%E0', '%E0%A4%A', '%C0%AF', '%FF', '%00', '%%', '%2', '%u0041');
const long = (char: string, max: number) => fc.integer({ min: 1_000, max }).map((n) => char.repeat(n));

// Each part is well-formed most of the time, so that most requests get past Node's parser to our
// code, and hostile the rest of the time (which Node's parser mostly refuses, and we answer).
const OTHER_METHODS = ['PUT', 'DELETE', 'PATCH', 'TRACE', 'CONNECT', 'PROPFIND', 'QUERY', 'get', 'BREW', 'PRI'];
const method = (usual: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...usual), weight: 20 },
    { arbitrary: fc.constantFrom(...OTHER_METHODS), weight: 2 },
    { arbitrary: fc.stringMatching(/^[A-Za-z]{1,10}$/), weight: 1 },
    { arbitrary: bytes(8), weight: 1 },
  );

// Channels whose handlers stay on this machine (no network, no keychain probe).
const KNOWN_TARGETS = ['/ipc/app:report', '/ipc/app%3Areport', '/ipc/profiles:list', '/ipc/app:nope', '/', '/index.html', '/?x=1'];
// Pieces Node's parser lets through to us, malformed percent escapes and `[`, `\` among them.
const PATH_PIECES = ['/', 'ipc/', 'app:report', 'app%3Areport', 'app:nope', '//', '//@', '@', '..', '%2e%2e/', '%2F', '?a=1&b', ':', ';', '~', 'index.html', '[', ']', '\\'];
const pathPiece = fc.oneof(
  { arbitrary: fc.constantFrom(...PATH_PIECES), weight: 6 },
  { arbitrary: percentEncoded, weight: 3 },
  { arbitrary: badPercent, weight: 3 },
);
const hostilePiece = fc.oneof(
  fc.constantFrom('#frag', '*', 'http://127.0.0.1/', 'http://evil.example/', ' ', '\t'),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map(latin1),
  bytes(6),
  long('a', 20_000),
);
const target = fc.oneof(
  { arbitrary: fc.constantFrom(...KNOWN_TARGETS), weight: 5 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('/', '/ipc/'), fc.array(fc.oneof({ arbitrary: pathPiece, weight: 8 }, { arbitrary: hostilePiece, weight: 1 }), { maxLength: 4 }))
      .map(([start, pieces]) => start + pieces.join('')),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('', '//', '*', 'http://127.0.0.1', 'http://evil.example'), fc.array(fc.oneof(pathPiece, hostilePiece), { maxLength: 4 }))
      .map(([start, pieces]) => start + pieces.join('')),
    weight: 1,
  },
);

const version = fc.oneof(
  { arbitrary: fc.constant('HTTP/1.1'), weight: 20 },
  { arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.2', 'HTTP/9.9', 'HTTP/1', 'http/1.1', 'FOO', ''), weight: 1 },
);

const HEADER_NAMES = ['Content-Type', 'Connection', 'Upgrade', 'Expect', 'Cookie', 'Accept', 'X-Forwarded-Host', 'Host', 'Origin', 'X-Console-Secret'];
const headerValue = fc.oneof(
  { arbitrary: fc.constantFrom('close', 'keep-alive', 'Upgrade', 'websocket', '100-continue', 'chunked', 'identity', 'application/json', '', 'null'), weight: 8 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(latin1), weight: 3 },
  { arbitrary: bytes(16), weight: 1 },
  { arbitrary: long('v', 20_000), weight: 1 },
);
const extraHeader = fc.tuple(
  fc.oneof(
    { arbitrary: fc.constantFrom(...HEADER_NAMES), weight: 10 },
    // These two fight the body framing chosen below (both present, or a second, different value).
    { arbitrary: fc.constantFrom('Content-Length', 'Transfer-Encoding'), weight: 1 },
    { arbitrary: fc.stringMatching(/^[A-Za-z-]{1,12}$/), weight: 2 },
    { arbitrary: bytes(8), weight: 1 },
  ),
  headerValue,
);

const nested = fc.integer({ min: 1, max: 50_000 }).map((depth) => `{"input":${'['.repeat(depth)}${']'.repeat(depth)}}`);
const body = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  { arbitrary: fc.constant('{}'), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((input) => JSON.stringify({ input })), weight: 3 },
  { arbitrary: fc.json({ maxDepth: 4 }), weight: 1 },
  { arbitrary: fc.constantFrom('{"__proto__":{"ok":true,"polluted":1},"input":{"__proto__":{"id":"x"}}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"input":null}', '{nope', 'null', '[]', '"x"', '\ufeff{}'), weight: 2 },
  { arbitrary: nested, weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map(latin1), weight: 1 },
  { arbitrary: long('x', 100_000), weight: 1 },
);

const framing = fc.oneof(
  { arbitrary: fc.constant<Shape['framing']>('exact'), weight: 24 },
  { arbitrary: fc.constantFrom<Shape['framing']>('none', 'huge', 'garbage', 'duplicate', 'chunked'), weight: 4 },
  // These leave the server waiting for more body; each costs one quiet spell.
  { arbitrary: fc.constantFrom<Shape['framing']>('overstated', 'chunked-cut'), weight: 1 },
);

function frame(shape: Shape): { headers: string[]; body: string } {
  const length = Buffer.byteLength(shape.body, 'latin1');
  switch (shape.framing) {
    case 'exact':
      return { headers: [`Content-Length: ${length}`], body: shape.body };
    case 'none':
      return { headers: [], body: shape.body };
    case 'overstated':
      return { headers: [`Content-Length: ${length + 17}`], body: shape.body };
    case 'huge':
      return { headers: ['Content-Length: 99999999999999'], body: shape.body };
    case 'garbage':
      return { headers: ['Content-Length: -1x'], body: shape.body };
    case 'duplicate':
      return { headers: [`Content-Length: ${length}`, `Content-Length: ${length + 1}`], body: shape.body };
    case 'chunked':
      return { headers: ['Transfer-Encoding: chunked'], body: `${length.toString(16)}\r\n${shape.body}\r\n0\r\n\r\n` };
    case 'chunked-cut':
      return { headers: ['Transfer-Encoding: chunked'], body: `${(length + 5).toString(16)}\r\n${shape.body}` };
  }
}

/** Host, Origin and secret as an attacker or a confused client might send them: right, wrong, missing or repeated. */
function authorityHeaders(shell: BuiltShell) {
  const host = `127.0.0.1:${shell.port}`;
  return fc.tuple(
    fc.constantFrom([`Host: ${host}`], [`Host: localhost:${shell.port}`], ['Host: evil.example'], ['Host: 127.0.0.1:1'], [], [`Host: ${host}`, 'Host: evil.example'], [`host: ${host.toUpperCase()}`]),
    fc.constantFrom([], [`Origin: ${shell.origin}`], ['Origin: https://evil.example'], ['Origin: null'], [`Origin: ${shell.origin}`, 'Origin: https://evil.example']),
    fc.constantFrom([], [`X-Console-Secret: ${shell.secret}`], [`X-Console-Secret: ${'0'.repeat(64)}`], ['X-Console-Secret: '], [`X-Console-Secret: ${shell.secret}`, `X-Console-Secret: ${shell.secret}`]),
  ).map((parts) => parts.flat());
}

function requestArbitrary(shell: BuiltShell, mode: Mode): fc.Arbitrary<string> {
  const good = [`Host: 127.0.0.1:${shell.port}`, `Origin: ${shell.origin}`, `X-Console-Secret: ${shell.secret}`];
  const authority = mode === 'authenticated' ? fc.constant(good) : authorityHeaders(shell);
  const usualMethods = mode === 'authenticated' ? ['POST', 'POST', 'POST', 'GET', 'HEAD', 'OPTIONS'] : ['GET', 'POST', 'HEAD', 'OPTIONS'];
  return fc
    .record({ method: method(usualMethods), target, version, authority, headers: fc.oneof(fc.constant<Array<[string, string]>>([]), fc.array(extraHeader, { maxLength: 3 })), body, framing })
    .map(({ authority: first, ...shape }) => {
      const framed = frame(shape);
      const lines = [`${shape.method} ${shape.target} ${shape.version}`.trimEnd(), ...first, ...shape.headers.map(([name, value]) => `${name}: ${value}`), ...framed.headers];
      return `${lines.join('\r\n')}\r\n\r\n${framed.body}`;
    });
}

describe('browser shell: HTTP fuzzing (built shell, raw sockets)', () => {
  let shell: BuiltShell;
  const totals = { sent: 0, crashes: 0 };

  beforeAll(async () => {
    await ensureBrowserShellBuilt();
    shell = await startBuiltBrowserShell();
    // The first call reads user data and probes the keychain; later ones take milliseconds.
    await rawExchange(shell.port, `POST /ipc/app:report HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nOrigin: ${shell.origin}\r\nX-Console-Secret: ${shell.secret}\r\nContent-Length: 0\r\n\r\n`, { quietMs: 5_000 });
  }, 180_000);
  afterAll(async () => {
    console.log(`http fuzz: ${totals.sent} requests, ${totals.crashes} crashes`);
    await shell?.stop();
  });

  /**
   * Node closes a connection as soon as the client half-closes it, so a slow complete request cut
   * by our quiet spell ends without an answer through no fault of the server's. Such a request is
   * asked once more with a long quiet spell; a server that really drops requests drops it again.
   */
  const exchange = async (request: string) => {
    const bytes = Buffer.from(request, 'latin1');
    const answer = await rawExchange(shell.port, bytes);
    if (answer.outcome !== 'closed' || !answer.halfClosed || !shell.alive()) return answer;
    return rawExchange(shell.port, bytes, { quietMs: 3_000, timeoutMs: 8_000 });
  };

  const fuzz = async (mode: Mode) => {
    const statuses = new Map<number, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary(shell, mode), async (request) => {
        const answer = await exchange(request);
        sent++;
        totals.sent++;
        const alive = answer.outcome === 'answered' ? shell.alive() : await shell.stillAliveAfter(300);
        if (!alive) totals.crashes++;
        expect(alive, `the shell died (${shell.child.exitCode ?? shell.child.signalCode}) after ${JSON.stringify(request.slice(0, 300))}:\n${shell.output().slice(-2_000)}`).toBe(true);
        expect(answer.outcome, `no status line for ${JSON.stringify(request.slice(0, 300))}`).toBe('answered');
        expect(answer.status, `an internal failure for ${JSON.stringify(request.slice(0, 300))}`).not.toBe(500);
        statuses.set(answer.status ?? 0, (statuses.get(answer.status ?? 0) ?? 0) + 1);
      }),
      // No shrinking after a failure: a dead server fails every smaller input too, so the input reported must be the one that failed first.
      { numRuns: RUNS_PER_MODE, endOnFailure: true, plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_PER_MODE_MS)] },
    );
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    console.log(`http fuzz (${mode}): ${sent} requests${sent < RUNS_PER_MODE ? ' (stopped at the time limit)' : ''}, statuses ${histogram}`);
    return sent;
  };

  it('answers every unauthenticated request with a status and stays up', async () => {
    // The time limit guards CI; a run that stops early must still have sent a meaningful number.
    expect(await fuzz('unauthenticated')).toBeGreaterThanOrEqual(RUNS_PER_MODE / 2);
  }, 30_000);

  it('answers every authenticated request with a status and stays up', async () => {
    expect(await fuzz('authenticated')).toBeGreaterThanOrEqual(RUNS_PER_MODE / 2);
  }, 30_000);

  it('still serves a good call and logged no internal failure', async () => {
    const good = await rawExchange(
      shell.port,
      `POST /ipc/app:report HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nOrigin: ${shell.origin}\r\nX-Console-Secret: ${shell.secret}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      { body: true },
    );
    expect(JSON.parse(good.body)).toMatchObject({ ok: true, value: { shell: 'browser' } });
    expect(shell.child.exitCode).toBeNull();
    expect(shell.output()).not.toContain('failed inside the console');
  });
});
