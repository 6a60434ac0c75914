// Sandbox throughput and isolation, each against a baseline measured in this same run:
// 1. small GETs per second over keep-alive: sandbox vs a bare Node HTTP server (goal ≥ 2,000/s);
// 2. small-request latency while the 34 MB catalog is served vs without it (goal: stall ≤ 100 ms).
import path from 'node:path';
import { request } from 'undici';
import { fmt, hammer, percentile, root, startProcess } from './lib.mjs';

async function json(url, init) {
  const res = await request(url, init);
  return res.body.json();
}

export async function run() {
  const sandbox = await startProcess(path.join(root, 'out/main/sandbox.js'), ['--port', '0']);
  const bare = await startProcess(path.join(root, 'test/bench/bare-server.mjs'));
  try {
    const { access_token } = await json(`${sandbox.url}/api/v1/account/applications/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'sandbox', client_secret: 'sandbox' }),
    });
    const small = { path: '/api/v1/workspaces/stats', method: 'GET', headers: { authorization: `Bearer ${access_token}` } };
    const load = { count: 6000, concurrency: 16 };

    await hammer(sandbox.url, small, { count: 1000, concurrency: 16 });
    await hammer(bare.url, { path: '/', method: 'GET' }, { count: 1000, concurrency: 16 });
    const sb = await hammer(sandbox.url, small, load);
    const base = await hammer(bare.url, { path: '/', method: 'GET' }, load);
    console.log(
      `sandbox small GETs: ${fmt(sb.rps)} req/s vs bare node:http ${fmt(base.rps)} req/s → ratio ${fmt(sb.rps / base.rps, 2)} ` +
        `(goal ≥ 2,000 req/s: ${sb.rps >= 2000 ? 'met' : 'NOT met'})`,
    );

    // Find the large source and warm its catalog (built once, lazily).
    const { token } = await json(`${sandbox.url}/api/v1/embedded/scoped-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
      body: JSON.stringify({ workspace_name: 'bigdata-us-demo' }),
    });
    const { data } = await json(`${sandbox.url}/api/v1/embedded/sources`, { headers: { authorization: `Bearer ${token}` } });
    const discoverUrl = `${sandbox.url}/api/v1/integrations/sources/${data[0].id}/discover`;
    const discover = async () => {
      const res = await request(discoverUrl, { headers: { authorization: `Bearer ${token}` } });
      let bytes = 0;
      for await (const chunk of res.body) bytes += chunk.length;
      return bytes;
    };
    const size = await discover();

    const quiet = await hammer(sandbox.url, small, { count: 3000, concurrency: 4 });
    let discovers = 0;
    let busy = true;
    const downloads = (async () => {
      while (busy) {
        await discover();
        discovers++;
      }
    })();
    const noisy = await hammer(sandbox.url, small, { count: 3000, concurrency: 4 });
    busy = false;
    await downloads;
    const maxQuiet = Math.max(...quiet.latencies);
    const maxNoisy = Math.max(...noisy.latencies);
    // The stall: how much longer the worst small request took than a typical one on a quiet server.
    const stall = maxNoisy - percentile(quiet.latencies, 50);
    console.log(
      `small GETs during ${discovers} discovers of the ${fmt(size / 1048576, 1)} MB catalog: p99 ${fmt(percentile(noisy.latencies, 99), 1)} ms, ` +
        `max ${fmt(maxNoisy, 1)} ms vs quiet p99 ${fmt(percentile(quiet.latencies, 99), 1)} ms, max ${fmt(maxQuiet, 1)} ms → ` +
        `p99 ratio ${fmt(percentile(noisy.latencies, 99) / percentile(quiet.latencies, 99), 2)}, worst stall ${fmt(stall, 1)} ms ` +
        `(goal ≤ 100 ms: ${stall <= 100 ? 'met' : 'NOT met'})`,
    );
  } finally {
    sandbox.stop();
    bare.stop();
  }
}
