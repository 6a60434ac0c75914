// npm test: sets the machine up (Debian packages, npm dependencies), then typecheck, lint, build, unit + contract + integration (vitest, with a real keyring when
// available), end-to-end (Playwright in Debian's Chromium against the built browser shell).
// Ends with one plain line "N passed, N failed" summing every suite; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareTestMachine } from './lib/test-machine.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A fresh clone needs nothing but this command: it installs what is missing, or stops at once with
// the one command to run.
if (!prepareTestMachine({ root })) process.exit(1);

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const cache = path.join(root, '.cache');
mkdirSync(cache, { recursive: true });

const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const canUseKeyring = hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon');

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

function run(label, command, args, options = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function step(label, command, args) {
  const { ok, seconds } = run(label, command, args);
  if (ok) passed++;
  else failed++;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s)`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

step('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json']);
step('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
const built = step('build (electron-vite)', bin('electron-vite'), ['build']);

// Unit, contract and integration tests.
const vitestJson = path.join(cache, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestArgs = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`];
if (!canUseKeyring) console.log('\nNote: dbus-run-session or gnome-keyring-daemon is missing; real-keychain tests will be skipped.');
const vitest = canUseKeyring
  ? run('vitest (in a private D-Bus session with gnome-keyring)', path.join(root, 'scripts', 'with-keyring.sh'), [bin('vitest'), ...vitestArgs])
  : run('vitest', bin('vitest'), vitestArgs);
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numFailedTestSuites ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  lines.push(`${vitest.ok ? 'ok  ' : 'FAIL'} vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed (${vitest.seconds} s)`);
} else {
  failed++;
  lines.push('FAIL vitest produced no report');
}

// End-to-end tests against the built browser shell.
const pwJson = path.join(cache, 'playwright.json');
rmSync(pwJson, { force: true });
if (built) {
  const e2e = run('playwright (Chromium, browser shell)', bin('playwright'), ['test']);
  const p = readJson(pwJson);
  if (p?.stats) {
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected;
    skipped += p.stats.skipped;
    lines.push(`${e2e.ok ? 'ok  ' : 'FAIL'} playwright: ${p.stats.expected} passed, ${p.stats.unexpected} failed, ${p.stats.flaky} flaky (${e2e.seconds} s)`);
    if (!e2e.ok && p.stats.unexpected === 0) failed++;
  } else {
    failed++;
    lines.push('FAIL playwright produced no report');
  }
} else {
  failed++;
  lines.push('FAIL playwright not run: the build failed');
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) console.log('Note: /usr/bin/chromium is missing (apt-get install chromium).');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
