// lib/jmespath on the 5,200-stream catalog, against a hand-written loop doing the same work (the
// floor) and against the npm `jmespath` 0.16 package's search(), in the same run. Each engine
// evaluation includes compiling the expression, as a keystroke in the playground does.
// Goal (issue #9): within 3× of the floor on the filter queries.
import jmespath016 from 'jmespath';
import { expect, it } from 'vitest';
import { compile } from '../../lib/jmespath';
import { buildLargeCatalog, type AirbyteStream } from '../../main/sandbox/catalogs';

type Stream = AirbyteStream & { source_defined_cursor?: boolean; source_defined_primary_key?: string[][] };

const CASES: Array<{ expression: string; loop: (streams: Stream[]) => unknown }> = [
  { expression: "streams[?contains(supported_sync_modes, 'incremental')].name", loop: (s) => s.filter((x) => x.supported_sync_modes.includes('incremental')).map((x) => x.name) },
  { expression: 'streams[?source_defined_cursor==`true`].name', loop: (s) => s.filter((x) => x.source_defined_cursor === true).map((x) => x.name) },
  { expression: 'streams[?!source_defined_primary_key].name', loop: (s) => s.filter((x) => !x.source_defined_primary_key || x.source_defined_primary_key.length === 0).map((x) => x.name) },
  {
    expression: 'streams[?json_schema.properties.updated_at].name',
    loop: (s) => s.filter((x) => (x.json_schema as { properties?: Record<string, unknown> }).properties?.updated_at).map((x) => x.name),
  },
  { expression: 'sort_by(streams, &name)[*].name', loop: (s) => [...s].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((x) => x.name) },
];

function p95(work: () => unknown, runs = 60): number {
  for (let i = 0; i < 5; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(0.95 * (times.length - 1))] ?? 0;
}

it('lib/jmespath vs a hand-written loop and jmespath 0.16 on 5,200 streams', async () => {
  const { catalog } = await buildLargeCatalog();
  const data = { streams: catalog.streams as Stream[] };
  console.log(`\n${data.streams.length} streams; p95 of 60 runs, ms (engine includes compiling)`);
  for (const { expression, loop } of CASES) {
    const ours = compile(expression).search(data);
    expect(ours).toEqual(loop(data.streams));
    const engine = p95(() => compile(expression).search(data));
    const floor = p95(() => loop(data.streams));
    const npm = p95(() => jmespath016.search(data, expression));
    console.log(`${expression.padEnd(62)} engine ${engine.toFixed(2).padStart(6)} | loop ${floor.toFixed(2).padStart(6)} (×${(engine / floor).toFixed(1)}) | jmespath 0.16 ${npm.toFixed(2).padStart(6)} (engine ×${(engine / npm).toFixed(2)})`);
  }
}, 300_000);
