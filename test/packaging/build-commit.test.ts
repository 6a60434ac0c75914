import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppReport } from '../../main/services/app-report';

// About & diagnostics names the commit the build was made from; npm test builds out/ before vitest.
const root = path.resolve(__dirname, '../..');

describe('the commit in the build', () => {
  it('is the checkout’s HEAD (short hash, maybe "-dirty"), baked into the built main', () => {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const built = readdirSync(path.join(root, 'out/main'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(root, 'out/main', file), 'utf8'))
      .join('\n');
    const baked = /\bBUILD_COMMIT = "([^"]*)"/.exec(built)?.[1];
    expect(baked).toMatch(new RegExp(`^${head}(-dirty)?$`));
  });

  it('is "unknown" in the report when the code was not built (run from source)', () => {
    const report = buildAppReport({ shell: 'browser', keychain: { status: 'available', backend: 'test' }, activeProfile: { id: 'p', name: 'p', baseUrl: 'https://x' } });
    expect(report.commit).toBe('unknown');
  });
});
