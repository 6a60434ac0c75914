import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../main/ipc/app-error';
import { removeStaleTempFiles, writeFileAtomically } from '../../main/services/storage/atomic-write';
import { readBoundedText } from '../../main/services/storage/bounded-read';
import { JsonFile } from '../../main/services/storage/json-file';
import { tempDir } from '../support/temp-dir';

interface Items {
  version: 1;
  items: string[];
}

function itemsFile(file: string, maxBytes?: number) {
  return new JsonFile<Items>({
    file,
    label: 'The test file',
    parse: (raw) => {
      const value = raw as Items;
      if (value?.version !== 1 || !Array.isArray(value.items)) throw Object.assign(new Error('bad'), { issues: [{ path: ['items'], message: 'expected an array' }] });
      return value;
    },
    empty: () => ({ version: 1, items: [] }),
    fallback: 'the test started empty',
    ...(maxBytes ? { maxBytes } : {}),
  });
}

/** The pid of a process that has already exited: its temp files are stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('one writer per file', () => {
  it('keeps every one of 200 concurrent changes (the old read-modify-write kept 27 of 107)', async () => {
    const file = path.join(tempDir(), 'items.json');
    const store = itemsFile(file);
    await store.load();
    const ids = Array.from({ length: 200 }, (_, i) => `item-${i}`);
    await Promise.all(ids.map((id) => store.change((d) => void d.items.push(id))));
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as Items;
    expect(onDisk.items.sort()).toEqual([...ids].sort());
    expect(store.current.items).toHaveLength(200);
  });

  it('a change made before load() reads the file first instead of writing over it', async () => {
    const file = path.join(tempDir(), 'items.json');
    writeFileSync(file, JSON.stringify({ version: 1, items: ['precious'] }));
    const store = itemsFile(file);
    await store.change((d) => void d.items.push('new'));
    expect((JSON.parse(readFileSync(file, 'utf8')) as Items).items).toEqual(['precious', 'new']);
  });

  it('uses unique temp names even when the clock stands still (Date.now-named temps collided)', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    const file = path.join(tempDir(), 'same-ms.json');
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => writeFileAtomically(file, JSON.stringify({ i }))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('i');
    expect(readdirSync(path.dirname(file))).toEqual(['same-ms.json']);
  });

  it('an edit that throws writes nothing and reaches the caller', async () => {
    const file = path.join(tempDir(), 'items.json');
    const store = itemsFile(file);
    await store.load();
    await store.change((d) => void d.items.push('kept'));
    await expect(
      store.change((d) => {
        d.items.push('dropped');
        throw new AppError('not_found', 'gone');
      }),
    ).rejects.toThrow('gone');
    expect(store.current.items).toEqual(['kept']);
    expect((JSON.parse(readFileSync(file, 'utf8')) as Items).items).toEqual(['kept']);
  });

  it('a failed write is a storage error, keeps the old value and leaves no temp file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'items.json');
    const store = itemsFile(file);
    await store.load();
    await store.change((d) => void d.items.push('one'));
    // The target became a folder: rename over it fails.
    execFileSync('rm', [file]);
    mkdirSync(file);
    const error = await store.change((d) => void d.items.push('two')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('storage');
    expect((error as AppError).message).toMatch(/^The test file could not be saved \(.+\); nothing was changed\.$/);
    expect(store.current.items).toEqual(['one']);
    expect(readdirSync(dir)).toEqual(['items.json']);
  });
});

describe('stale temp files', () => {
  it('removes temp files of dead processes at load, and leaves a live process’s alone', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'items.json');
    const dead = deadPid();
    const stale = [`items.json.${dead}.0b8e5b9c-6a0e-4b1f-9d47-3c1f0b2a9e11.tmp`, `items.json.${dead}.9f0c2d35-1e7b-4c8a-b6d2-7a4e5f3c2b10.tmp`];
    const live = `items.json.${process.pid}.5d2c1b0a-9e8f-4a7b-8c6d-1e2f3a4b5c6d.tmp`;
    const other = `other.json.${dead}.5d2c1b0a-9e8f-4a7b-8c6d-1e2f3a4b5c6d.tmp`;
    for (const name of [...stale, live, other]) writeFileSync(path.join(dir, name), 'x'.repeat(1000));
    await itemsFile(file).load();
    expect(readdirSync(dir).sort()).toEqual([live, other].sort());
    expect(await removeStaleTempFiles(path.join(dir, 'other.json'))).toEqual([path.join(dir, other)]);
  });
});

describe('unreadable user data', () => {
  it('moves a folder standing where the file should be aside, once, and starts with a notice', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'items.json');
    mkdirSync(file);
    const store = itemsFile(file);
    await store.load();
    expect(store.notice).toMatch(/^The test file is a folder, not a file\. It was moved to .*items\.json\.unreadable-.*; the test started empty\.$/);
    await store.change((d) => void d.items.push('after'));
    const again = itemsFile(file);
    await again.load();
    expect(again.notice).toBeNull();
    expect(again.current.items).toEqual(['after']);
    expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toHaveLength(1);
  });

  it('does not hang on a FIFO (a blocking open would wait for a writer forever)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'items.json');
    execFileSync('mkfifo', [file]);
    const started = performance.now();
    expect(await readBoundedText(file, 1024)).toEqual({ status: 'unusable', reason: 'is not a regular file (a pipe, socket or device)' });
    const store = itemsFile(file);
    await store.load();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(store.notice).toMatch(/is not a regular file/);
    expect(existsSync(file)).toBe(false);
  });

  it('caps reads: an oversized file is moved (never copied) aside', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'items.json');
    writeFileSync(file, JSON.stringify({ version: 1, items: ['x'.repeat(50_000)] }));
    const store = itemsFile(file, 10_000);
    await store.load();
    expect(store.notice).toMatch(/^The test file is 49 KB, more than the 10 KB it may be\./);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^items\.json\.unreadable-/)]);
  });

  it('says in plain words what is wrong: not JSON, empty, wrong shape', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"version":1,"items":[', /^The test file is not valid JSON\./],
      ['   ', /^The test file is empty\./],
      ['{"version":1,"items":{}}', /^The test file does not have the expected content \(expected an array at “items”\)\./],
    ];
    for (const [text, expected] of cases) {
      const file = path.join(tempDir(), 'items.json');
      writeFileSync(file, text);
      const store = itemsFile(file);
      await store.load();
      expect(store.notice).toMatch(expected);
      expect(store.notice).not.toMatch(/\(\[/);
    }
  });
});
