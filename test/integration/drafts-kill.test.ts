import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftsService } from '../../main/services/drafts/drafts-service';
import { templateDraftSchema } from '../../preload/contract';
import { tempDir } from '../support/temp-dir';

// kill -9 of a process saving drafts in a loop (through DraftsService, the real storage path), at random
// moments, several rounds on one folder: afterwards every *.json parses as a draft, every save
// acknowledged before the kill is there, and the next start removes the dead process's temp files.

const ROUNDS = 6;
let childScript: string;

beforeAll(async () => {
  // The child runs outside vitest: bundle it (app sources only; packages stay in node_modules).
  // Inside the project, so the bundle's bare imports (zod, jsonc-parser) resolve from node_modules.
  const cache = path.resolve(__dirname, '../../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(path.join(cache, 'ec-drafts-kill-'));
  childScript = path.join(out, 'child.mjs');
  await build({
    input: path.join(__dirname, 'drafts-kill-child.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    output: { file: childScript, format: 'esm' },
    logLevel: 'silent',
  });
}, 60_000);
afterAll(() => rmSync(path.dirname(childScript), { recursive: true, force: true }));

function runUntilKilled(folder: string, round: number, killAfterAcks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, folder, String(round)], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('saved ')) acked.push(line.slice(6));
      if (!killed && acked.length >= killAfterAcks) {
        killed = true;
        // A random extra moment, so the kill lands at different points of a write.
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without the kill: ${stderr.slice(0, 2000)}`));
      else resolve(acked);
    });
    setTimeout(() => {
      if (!killed) {
        child.kill('SIGKILL');
        reject(new Error(`child too slow (${acked.length} saves): ${stderr.slice(0, 2000)}`));
      }
    }, 20_000);
  });
}

describe('kill -9 while saving drafts', () => {
  it('leaves every file parseable and loses no acknowledged draft, over several rounds', async () => {
    const folder = tempDir('ec-drafts-kill-');
    const acknowledged = new Set<string>();
    let tempsSeen = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const acked = await runUntilKilled(folder, round, 20 + Math.floor(Math.random() * 60));
      for (const file of acked) acknowledged.add(file);
      const names = readdirSync(folder);
      tempsSeen += names.filter((n) => n.endsWith('.tmp')).length;
      const drafts = names.filter((n) => n.endsWith('.json'));
      for (const file of acknowledged) expect(drafts, `acknowledged ${file} is missing after round ${round}`).toContain(file);
      for (const file of drafts) {
        const text = readFileSync(path.join(folder, file), 'utf8');
        expect(templateDraftSchema.safeParse(JSON.parse(text)).success, `${file} after round ${round}`).toBe(true);
      }
    }
    // The next start cleans what the dead processes left mid-write.
    const next = new DraftsService({
      profiles: { activeProfile: async () => ({ id: 'kill' }) as never, client: async () => Promise.reject(new Error('offline')) },
      templates: { spec: async () => Promise.reject(new Error('offline')), definitions: async () => Promise.reject(new Error('offline')), cronDescribe: async () => Promise.reject(new Error('offline')) },
      userDataDir: folder,
      envFolder: folder,
      secrets: async () => null,
    });
    await next.load();
    const listed = await next.list();
    expect(listed.drafts.every((d) => d.problem === null)).toBe(true);
    for (const file of acknowledged) expect(listed.drafts.map((d) => d.file)).toContain(file);
    await next.close();
    const leftovers = readdirSync(folder).filter((n) => n.endsWith('.tmp'));
    console.log(`drafts kill -9: ${ROUNDS} rounds, ${acknowledged.size} acknowledged files, ${tempsSeen} temp file(s) seen after kills, ${leftovers.length} left at the end`);
    expect(leftovers).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 20);
  }, 120_000);
});
