// The Stream editor on the 5,200-stream warehouse, in Debian's Chromium (playwright-core, executablePath),
// against the built browser shell and its in-process sandbox (issue #10, "Performance"):
// 1. "Read all": the configurations of all 5,200 streams read through the UI (streams:read batches, ≤ 6 in
//    flight per source in main; the rows already in view were read before), streams/s from the click to
//    "Read N of N" (goal ≥ 300/s);
// 2. a plan over all 5,200 (the incremental preset), computed in the area's worker: click → summary line
//    (goal ≤ 1 s);
// 3. "Apply plan" for the 5,200 adds, streams/s from the click to "Finished: 5,200 applied" (goal ≥ 300/s).
// During each, the longest main-thread task (PerformanceObserver 'longtask' reports every task over 50 ms)
// and the longest gap between animation frames, against the same page left idle for as long (the
// baseline); goal: no task over 50 ms. The same requests sent by plain undici.request are measured by
// `npm run bench -- stream-io` (the service against undici in one run).
import { chromium } from 'playwright-core';
import { fmt, startBrowserShell } from './lib.mjs';

const verdict = (ok) => (ok ? 'PASS' : 'MISS');

/** Starts watching long tasks and frame gaps in the page. */
const watch = (page) =>
  page.evaluate(() => {
    const state = { tasks: [], maxGap: 0, last: performance.now(), on: true };
    state.observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => state.tasks.push(e.duration)));
    state.observer.observe({ type: 'longtask' });
    const frame = (t) => {
      if (!state.on) return;
      state.maxGap = Math.max(state.maxGap, t - state.last);
      state.last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    window.__watch = state;
  });

/** Stops watching; answers { longest task (ms, 0 if none over 50), count over 50 ms, longest frame gap }. */
const stopWatch = (page) =>
  page.evaluate(() => {
    const state = window.__watch;
    state.on = false;
    state.observer.takeRecords().forEach((e) => state.tasks.push(e.duration));
    state.observer.disconnect();
    return { longest: state.tasks.length ? Math.max(...state.tasks) : 0, over50: state.tasks.filter((d) => d > 50).length, maxGap: state.maxGap };
  });

async function timed(page, start, done, ms = 180_000) {
  await watch(page);
  const t0 = Date.now();
  await start();
  try {
    await done(ms);
  } catch (error) {
    const shown = await page.locator('[role=status]').allTextContents();
    throw new Error(`broken page: ${error.message.split('\n')[0]}; status texts: ${JSON.stringify(shown)}`);
  }
  const elapsed = Date.now() - t0;
  const ui = await stopWatch(page);
  // The baseline: the same page, idle, for as long.
  await watch(page);
  await page.waitForTimeout(Math.min(elapsed, 10_000));
  const idle = await stopWatch(page);
  return { elapsed, ui, idle };
}

const uiLine = ({ ui, idle }) =>
  `longest main-thread task ${ui.longest ? `${fmt(ui.longest, 0)} ms` : 'none over 50 ms'} (${ui.over50} over 50 ms; goal none: ${verdict(ui.over50 === 0)}), ` +
  `longest frame gap ${fmt(ui.maxGap, 1)} ms vs the idle page ${fmt(idle.maxGap, 1)} ms → ratio ${fmt(ui.maxGap / Math.max(idle.maxGap, 1), 2)}`;

export async function run() {
  const shell = await startBrowserShell();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(shell.launchUrl);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Catalog & JMESPath', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Find workspace' }).fill('bigdata');
    const workspace = page.getByRole('combobox', { name: 'Workspace' });
    await workspace.getByRole('option', { name: 'bigdata-us-demo' }).waitFor({ state: 'attached' });
    await workspace.selectOption({ label: 'bigdata-us-demo' });
    await page.getByRole('button', { name: 'Discover', exact: true }).click();
    await page.getByRole('status', { name: 'Stream summary' }).filter({ hasText: '5,200' }).waitFor({ timeout: 120_000 });
    await page.getByRole('grid', { name: 'Streams' }).getByRole('row').nth(1).click();
    await page.getByRole('button', { name: 'Edit stream' }).click();
    await page.getByRole('listbox', { name: 'Streams to configure' }).getByRole('option').first().waitFor();
    await page.waitForTimeout(1000);

    const readProgress = page.getByRole('status', { name: 'Read progress' });
    const read = await timed(
      page,
      () => page.getByRole('button', { name: 'Read all' }).click(),
      (ms) => readProgress.filter({ hasText: /^Read [\d,]+ of [\d,]+$/ }).waitFor({ timeout: ms }),
    );
    // "Read all" reads what is not read yet (the rows in view were read already).
    const readCount = Number((/^Read ([\d,]+) of/.exec((await readProgress.textContent()) ?? '')?.[1] ?? '0').replace(/,/g, ''));
    const readRate = readCount / (read.elapsed / 1000);
    console.log(`Read all: ${fmt(readCount)} configurations in ${fmt(read.elapsed)} ms → ${fmt(readRate)} streams/s (goal ≥ 300/s: ${verdict(readRate >= 300)}); ${uiLine(read)}`);

    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const planPanel = page.getByRole('region', { name: 'Plan' });
    await planPanel.getByRole('radio', { name: 'By JMESPath query' }).check();
    await planPanel.getByRole('textbox', { name: 'Selection query' }).fill('streams[*].name');
    await planPanel.getByRole('combobox', { name: 'Change' }).selectOption('incremental_defaults');
    const summary = page.getByRole('status', { name: 'Plan summary' });
    const plan = await timed(
      page,
      () => planPanel.getByRole('button', { name: 'Compute plan' }).click(),
      (ms) => summary.filter({ hasText: /^5,200 to change/ }).waitFor({ timeout: ms }),
    );
    console.log(`plan over 5,200 streams (selection by query + computePlan in the worker): ${fmt(plan.elapsed)} ms (goal ≤ 1 s: ${verdict(plan.elapsed <= 1000)}); ${uiLine(plan)}`);

    const runStatus = page.getByRole('status', { name: 'Run status' });
    const apply = await timed(
      page,
      () => planPanel.getByRole('button', { name: 'Apply plan' }).click(),
      (ms) => runStatus.filter({ hasText: /^Finished: 5,200 applied, 0 failed/ }).waitFor({ timeout: ms }),
    );
    console.log(`Apply plan: 5,200 adds in ${fmt(apply.elapsed)} ms → ${fmt(5200 / (apply.elapsed / 1000))} streams/s (goal ≥ 300/s: ${verdict(5200 / (apply.elapsed / 1000) >= 300)}); ${uiLine(apply)}`);
    if (errors.length) throw new Error(`broken page: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    shell.stop();
  }
}
