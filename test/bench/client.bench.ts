// Our API client against plain undici.request on the same sandbox, in the same run.
// Goal (issue #4): at most 1.15× the plain call's time.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { request } from 'undici';
import { expect, it } from 'vitest';
import { AirbyteClient } from '../../main/services/airbyte/airbyte-client';
import { HttpClient } from '../../main/services/http/http-client';

const root = path.resolve(__dirname, '../..');

function startSandbox(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/sandbox.js'), '--port', '0', '--seed', 'large'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Best of `rounds`, alternating the two contenders so neither always runs on a warmer machine. */
async function compare(rounds: number, ours: () => Promise<unknown>, plain: () => Promise<unknown>) {
  let bestOurs = Infinity;
  let bestPlain = Infinity;
  for (let i = 0; i < rounds; i++) {
    bestPlain = Math.min(bestPlain, await time(plain));
    bestOurs = Math.min(bestOurs, await time(ours));
  }
  return { ours: bestOurs, plain: bestPlain, ratio: bestOurs / bestPlain };
}

it('client vs plain undici', async () => {
  const sandbox = await startSandbox();
  const http = new HttpClient();
  const client = new AirbyteClient({ baseUrl: sandbox.url, http, credentials: async () => ({ client_id: 'sandbox', client_secret: 'sandbox' }) });
  try {
    const mint = await request(`${sandbox.url}/api/v1/account/applications/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'sandbox', client_secret: 'sandbox' }),
    });
    const { access_token: token } = (await mint.body.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${token}`, accept: 'application/json' };
    await client.workspaceStats();

    const GETS = 2000;
    const small = await compare(
      3,
      async () => {
        for (let i = 0; i < GETS; i++) await client.workspaceStats();
      },
      async () => {
        for (let i = 0; i < GETS; i++) {
          const res = await request(`${sandbox.url}/api/v1/workspaces/stats`, { headers: auth });
          await res.body.json();
        }
      },
    );
    // Keep the request log bounded and out of the next measurement.
    http.log.clear();

    let pagedOurs = 0;
    let pagedPlain = 0;
    const paging = await compare(
      3,
      async () => {
        pagedOurs = 0;
        for await (const page of client.workspacePages({ limit: 100 })) pagedOurs += page.length;
      },
      async () => {
        pagedPlain = 0;
        let url: string | null = `${sandbox.url}/api/v1/workspaces?limit=100`;
        while (url) {
          const res = await request(url, { headers: auth });
          const body = (await res.body.json()) as { data: unknown[]; next: string | null };
          pagedPlain += body.data.length;
          url = body.next;
        }
      },
    );
    expect(pagedOurs).toBe(pagedPlain);
    expect(pagedOurs).toBeGreaterThanOrEqual(5000);

    const line = (label: string, r: { ours: number; plain: number; ratio: number }) =>
      `${label}: client ${r.ours.toFixed(0)} ms vs plain undici.request ${r.plain.toFixed(0)} ms → ratio ${r.ratio.toFixed(2)} (goal ≤ 1.15: ${r.ratio <= 1.15 ? 'met' : 'NOT met'})`;
    console.log(line(`${GETS} small GETs`, small));
    console.log(line(`paging ${pagedOurs} workspaces`, paging));
  } finally {
    await http.close();
    sandbox.stop();
  }
});
