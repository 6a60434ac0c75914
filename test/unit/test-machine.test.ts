import { chmodSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decideSystemSetup,
  dependenciesNeedInstall,
  missingDebianPackages,
  prepareTestMachine,
} from '../../scripts/lib/test-machine.mjs';
import { tempDir } from '../support/temp-dir';

describe('missingDebianPackages', () => {
  it('counts only "install ok installed" as installed, and a package dpkg does not know as missing', () => {
    const stdout = ['curl install ok installed', 'zsh deinstall ok config-files', 'chromium:amd64 install ok installed', ''].join('\n');
    expect(missingDebianPackages(['curl', 'zsh', 'chromium', 'gnome-keyring'], () => stdout)).toEqual(['zsh', 'gnome-keyring']);
  });
});

describe('decideSystemSetup', () => {
  const missing = ['chromium', 'zsh'];
  it('does nothing off Debian or when nothing is missing', () => {
    expect(decideSystemSetup({ isDebian: false, missing, isRoot: true, hasSudo: true })).toEqual({ action: 'none' });
    expect(decideSystemSetup({ isDebian: true, missing: [], isRoot: false, hasSudo: false })).toEqual({ action: 'none' });
  });
  it('installs as root, or through sudo without a password', () => {
    expect(decideSystemSetup({ isDebian: true, missing, isRoot: true, hasSudo: false })).toEqual({
      action: 'install',
      argv: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'chromium', 'zsh']],
    });
    const viaSudo = decideSystemSetup({ isDebian: true, missing, isRoot: false, hasSudo: true });
    expect(viaSudo).toEqual({
      action: 'install',
      argv: [['sudo', '-n', 'apt-get', 'update', '-qq'], ['sudo', '-n', 'apt-get', 'install', '-y', '-qq', 'chromium', 'zsh']],
    });
  });
  it('otherwise stops with the one command to run', () => {
    expect(decideSystemSetup({ isDebian: true, missing, isRoot: false, hasSudo: false })).toEqual({
      action: 'stop',
      command: 'sudo apt-get update && sudo apt-get install -y chromium zsh',
    });
  });
});

describe('dependenciesNeedInstall', () => {
  it('asks for an install when node_modules is missing, older than the lockfile, or lacks keytar\'s native module', () => {
    const root = tempDir('deps-');
    writeFileSync(path.join(root, 'package-lock.json'), '{}');
    expect(dependenciesNeedInstall(root)).toMatch(/not installed/);
    mkdirSync(path.join(root, 'node_modules'));
    const marker = path.join(root, 'node_modules', '.package-lock.json');
    writeFileSync(marker, '{}');
    utimesSync(marker, new Date(1_000_000), new Date(1_000_000));
    expect(dependenciesNeedInstall(root)).toMatch(/package-lock\.json changed/);
    utimesSync(marker, new Date(), new Date(Date.now() + 60_000));
    expect(dependenciesNeedInstall(root)).toMatch(/keytar .* was not built/);
    mkdirSync(path.join(root, 'node_modules', 'keytar', 'build', 'Release'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'), '');
    expect(dependenciesNeedInstall(root)).toBeNull();
  });
});

describe('prepareTestMachine on a Debian machine missing packages (fake dpkg-query, apt-get, sudo)', () => {
  // The Debian branch only runs on Linux.
  it.runIf(process.platform === 'linux')('installs exactly the missing packages, then finds the dependencies installed', () => {
    const dir = tempDir('machine-');
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const calls = path.join(dir, 'calls.txt');
    const script = (name: string, body: string) => {
      writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(path.join(bin, name), 0o755);
    };
    // dpkg knows every package but chromium and zsh.
    script('dpkg-query', `for p in "$@"; do case "$p" in -*|chromium|zsh) ;; *) echo "$p install ok installed";; esac; done`);
    script('apt-get', `echo "apt-get $*" >> ${calls}`);
    script('sudo', `[ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; "$@"`);
    const root = path.join(dir, 'repo');
    mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    writeFileSync(path.join(root, 'package-lock.json'), '{}');
    writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{}');
    mkdirSync(path.join(root, 'node_modules', 'keytar', 'build', 'Release'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'), '');
    utimesSync(path.join(root, 'package-lock.json'), new Date(1_000_000), new Date(1_000_000));

    const printed: string[] = [];
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    const ok = withPath(env.PATH, () => prepareTestMachine({ root, env, log: (line: string) => printed.push(line) }));

    expect(ok).toBe(true);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium zsh']);
    expect(printed[0]).toContain('chromium (the end-to-end tests drive Debian\'s Chromium)');
    expect(printed.join('\n')).not.toMatch(/npm dependencies/);
  });
});

/** prepareTestMachine looks commands up on this process's PATH (spawnSync), so set it for the call. */
function withPath<T>(value: string | undefined, run: () => T): T {
  const saved = process.env.PATH;
  process.env.PATH = value;
  try {
    return run();
  } finally {
    process.env.PATH = saved;
  }
}
