// Drafts (issue #12), two ratios in one run:
// - DraftsService.list() over 500 draft files vs reading the same files with plain fs.readFile + JSON.parse
//   (goal: ≤ 300 ms absolute);
// - a plan of 500 drafts against the sandbox vs the same 500 GETs with plain undici.request at the same
//   concurrency (goal: ≤ 2 s absolute).
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent, request } from 'undici';
import { expect, it } from 'vitest';
import type { DraftList, DraftPlan, PullResult } from '../../preload/contract';
import { draftsCore } from '../integration/drafts-harness';
import { startHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

const COUNT = 500;
const LIST_GOAL_MS = 300;
const PLAN_GOAL_MS = 2000;
const PG = 'decd338e-5647-4c0b-adf4-da0e75f5a750';

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function best(rounds: number, work: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < rounds; i++) fastest = Math.min(fastest, await time(work));
  return fastest;
}

const line = (name: string, ours: number, plain: number, goal: number) =>
  console.log(`${name}: ${ours.toFixed(1)} ms vs baseline ${plain.toFixed(1)} ms → ${(ours / plain).toFixed(2)}× (goal ≤ ${goal} ms: ${ours <= goal ? 'PASS' : 'MISS'})`);

it('drafts: list 500 files and plan 500 drafts', async () => {
  const h = await startHarness();
  const token = await h.operatorToken();
  // 500 organization templates on the sandbox (with secrets, tags and whitelists, as real ones have).
  for (let i = 0; i < COUNT; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, COUNT - i) }, (_, j) =>
        h.call('POST', '/api/v1/integrations/templates/sources', {
          token,
          body: {
            actor_definition_id: PG,
            name: `Bench PG ${String(i + j).padStart(3, '0')}`,
            partial_default_config: { host: `db-${i + j}.internal`, port: 5432, password: 'server-secret', ssl_mode: { mode: 'require' }, schemas: ['public', `s${j}`] },
            customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['users', 'orders', 'products'] },
            tags: ['bench', `group-${(i + j) % 10}`],
          },
        }),
      ),
    );
  }
  const folder = tempDir('ec-drafts-bench-');
  const app = draftsCore(h.url, folder);
  const pullMs = await time(() => app.value<PullResult>('drafts:pull', {}));
  const files = (await readdir(folder)).filter((n) => n.endsWith('.json'));
  console.log(`\n${files.length} draft files pulled in ${pullMs.toFixed(0)} ms`);
  expect(files.length).toBeGreaterThanOrEqual(COUNT);
  // One draft in ten edited on disk: the plan has updates to compute, not only unchanged entries.
  const edited = files.filter((n) => n.startsWith('bench-pg-')).filter((_, i) => i % 10 === 0);
  for (const file of edited) {
    const draft = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as { partial_default_config: Record<string, unknown> };
    draft.partial_default_config.port = 6543;
    await writeFile(path.join(folder, file), JSON.stringify(draft, null, 2));
  }

  // --- list ---------------------------------------------------------------------------------------
  const plainRead = async () => {
    const names = (await readdir(folder)).filter((n) => n.endsWith('.json'));
    return Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(folder, n), 'utf8')) as unknown));
  };
  // A fresh service (nothing cached) for the cold list; the same one again for the warm list.
  const cold = draftsCore(h.url, folder);
  const coldMs = await time(() => cold.value<DraftList>('drafts:list'));
  const plainMs = await best(5, plainRead);
  const warmMs = await best(5, () => cold.value<DraftList>('drafts:list'));
  const listed = await cold.value<DraftList>('drafts:list');
  expect(listed.drafts.length).toBe(files.length);
  expect(listed.drafts.filter((d) => d.local === 'changed').length).toBe(edited.length);
  line(`list ${files.length} drafts (cold, first list)`, coldMs, plainMs, LIST_GOAL_MS);
  line(`list ${files.length} drafts (warm, cache by mtime+size)`, warmMs, plainMs, LIST_GOAL_MS);
  expect(coldMs).toBeLessThanOrEqual(LIST_GOAL_MS);

  // --- plan ---------------------------------------------------------------------------------------
  const ids = await Promise.all(
    files.filter((n) => n.endsWith('.source.json')).map(async (n) => (JSON.parse(await readFile(path.join(folder, n), 'utf8')) as { server_fields: { id: string } }).server_fields.id),
  );
  const agent = new Agent({ connections: 8 });
  const plainGets = async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < ids.length) {
          const id = ids[next++] as string;
          const res = await request(`${h.url}/api/v1/integrations/templates/sources/${id}`, { dispatcher: agent, headers: { authorization: `Bearer ${token}` } });
          await res.body.json();
        }
      }),
    );
  };
  let plan: DraftPlan | null = null;
  const planMs = await best(3, async () => {
    plan = await app.value<DraftPlan>('drafts:plan', {});
  });
  const getsMs = await best(3, plainGets);
  const summary = (plan as DraftPlan | null)?.summary;
  console.log(`plan summary: ${JSON.stringify(summary)}`);
  line(`plan ${files.length} drafts against the sandbox`, planMs, getsMs, PLAN_GOAL_MS);
  expect(summary?.update).toBe(edited.length);
  expect(summary?.invalid).toBe(0);
  expect(planMs).toBeLessThanOrEqual(PLAN_GOAL_MS);
  await agent.close();
  await cold.core.close();
  await app.core.close();
  await h.close();
}, 300_000);
