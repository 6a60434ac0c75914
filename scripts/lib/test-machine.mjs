// What `npm test` needs from the machine before it can run, and how to get it: the Debian packages
// (installed when we can, as root or through passwordless sudo; otherwise one command to run), then
// the npm dependencies (installed when node_modules is missing or older than the lockfile).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Debian packages the suite uses, each with the reason (printed when it is missing). */
export const DEBIAN_PACKAGES = [
  ['libsecret-1-dev', 'keytar is compiled against it'],
  ['g++', 'keytar is compiled from source'],
  ['make', 'keytar is compiled from source'],
  ['python3', 'node-gyp runs on it'],
  ['gnome-keyring', 'the keychain tests use a real Secret Service'],
  ['dbus-daemon', 'the keychain runs in a private D-Bus session'],
  ['dbus-bin', 'dbus-run-session starts that session'],
  ['chromium', 'the end-to-end tests drive Debian\'s Chromium'],
  ['openssl', 'the TLS tests make a throw-away certificate'],
  ['curl', 'the copied curl snippet is run against the sandbox'],
  ['zsh', 'the copied curl snippet is run in zsh as well as bash'],
];

/**
 * Which of `packages` dpkg does not report as installed. `query` runs dpkg-query and returns its
 * stdout (one `<name> <status>` line per package it knows); a package it does not know is missing.
 */
export function missingDebianPackages(packages, query) {
  const installed = new Set();
  for (const line of query(packages).split('\n')) {
    const [name, ...status] = line.trim().split(/\s+/);
    // "install ok installed" is the only status of a usable package ("deinstall ok config-files" is not).
    if (name && status.join(' ') === 'install ok installed') installed.add(name.replace(/:.*$/, ''));
  }
  return packages.filter((name) => !installed.has(name));
}

/**
 * What to do about missing packages: nothing, install them (root, or sudo without a password), or
 * stop at once with the one command the user has to run. A pure function, so every branch is tested.
 */
export function decideSystemSetup({ isDebian, missing, isRoot, hasSudo }) {
  if (!isDebian || missing.length === 0) return { action: 'none' };
  const install = `apt-get install -y ${missing.join(' ')}`;
  if (isRoot) return { action: 'install', argv: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', ...missing]] };
  if (hasSudo) return { action: 'install', argv: [['sudo', '-n', 'apt-get', 'update', '-qq'], ['sudo', '-n', 'apt-get', 'install', '-y', '-qq', ...missing]] };
  return { action: 'stop', command: `sudo apt-get update && sudo ${install}` };
}

/**
 * Are the npm dependencies missing, older than the lockfile, or installed without keytar's native
 * module? keytar is optional (so `npm install` works before libsecret-1-dev is there), but the
 * keychain tests need it: once the system packages are in, a reinstall builds it. Answers the reason, or null.
 */
export function dependenciesNeedInstall(root) {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return 'node_modules is not installed';
  if (statSync(path.join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs) return 'package-lock.json changed since node_modules was installed';
  if (!existsSync(path.join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))) return 'keytar (the OS keychain module) was not built';
  return null;
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function dpkgQuery(packages) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages], { encoding: 'utf8' });
  return result.stdout ?? '';
}

/**
 * Brings this machine to what the suite needs, printing what it does. Returns true when the suite can
 * run; false (after printing the one command to run) when it cannot set the machine up by itself.
 */
export function prepareTestMachine({ root, env = process.env, log = console.log } = {}) {
  const isDebian = process.platform === 'linux' && commandExists('dpkg-query') && commandExists('apt-get');
  const missing = isDebian ? missingDebianPackages(DEBIAN_PACKAGES.map(([name]) => name), dpkgQuery) : [];
  const decision = decideSystemSetup({
    isDebian,
    missing,
    isRoot: process.getuid?.() === 0,
    hasSudo: isDebian && missing.length > 0 && commandExists('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
  });
  if (decision.action !== 'none') {
    const reasons = new Map(DEBIAN_PACKAGES);
    log(`The test suite needs these Debian packages: ${missing.map((name) => `${name} (${reasons.get(name)})`).join(', ')}.`);
  }
  if (decision.action === 'stop') {
    log(`Run this once, then npm test again:\n\n  ${decision.command}\n`);
    return false;
  }
  if (decision.action === 'install') {
    for (const [command, ...args] of decision.argv) {
      log(`$ ${[command, ...args].join(' ')}`);
      const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (result.status !== 0) {
        log(`Installing the packages failed (${command} exited with ${result.status ?? result.signal}).`);
        return false;
      }
    }
  }

  const why = dependenciesNeedInstall(root);
  if (why) {
    log(`Installing the npm dependencies: ${why}.`);
    const installEnv = { ...env };
    // keytar compiles against the system's Node headers when no prebuilt binary can be downloaded.
    if (!installEnv.npm_config_nodedir && existsSync('/usr/include/node/node.h')) installEnv.npm_config_nodedir = '/usr';
    // The tests never start Electron, and its download is often unreachable from build machines.
    installEnv.ELECTRON_SKIP_BINARY_DOWNLOAD ??= '1';
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env: installEnv });
    if (result.status !== 0) {
      log('npm ci failed; the messages above say why.');
      return false;
    }
  }
  return true;
}
