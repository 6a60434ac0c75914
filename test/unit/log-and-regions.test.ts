import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/services/log';
import { RegionRegistry } from '../../main/services/profiles/region-registry';
import { tempDir } from '../support/temp-dir';

describe('the main-process logger', () => {
  it('redacts bearer tokens and JWTs from messages and error stacks', () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line));
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    log.error('http', `request with Authorization: Bearer ${jwt} failed`, new Error(`socket closed while sending ${jwt}`));
    log.info('auth', `minted ${jwt}`);
    expect(lines.join('\n')).not.toContain(jwt);
    expect(lines[0]).toContain('Bearer $TOKEN');
    expect(lines[1]).toBe('[auth] minted $TOKEN');
  });
});

describe('workspace region registry', () => {
  it('says unknown until recorded, per profile, and keeps records across restarts', async () => {
    const dir = tempDir();
    const registry = RegionRegistry.inFolder(dir);
    await registry.load();
    expect(registry.regionOf('p1', 'w1')).toBe('unknown');
    await registry.record('p1', 'w1', 'EU');
    expect(registry.regionOf('p1', 'w1')).toBe('EU');
    expect(registry.regionOf('p2', 'w1')).toBe('unknown');
    const again = RegionRegistry.inFolder(dir);
    await again.load();
    expect(again.regionOf('p1', 'w1')).toBe('EU');
    await again.record('p1', 'w1', 'unknown');
    expect(again.regionOf('p1', 'w1')).toBe('unknown');
  });

  it('keeps an unreadable file aside and starts empty, with a notice', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'workspace-regions.json'), '{"version":1,"regions":{"p":{"w":"MARS"}}}');
    const registry = RegionRegistry.inFolder(dir);
    await registry.load();
    expect(registry.regionOf('p', 'w')).toBe('unknown');
    expect(registry.notice).toMatch(/does not have the expected content .*regions\.p\.w.* It was moved to .*workspace-regions\.json\.unreadable-/);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^workspace-regions\.json\.unreadable-/)]);
  });
});
