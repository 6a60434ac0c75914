import path from 'node:path';
import { ESLint } from 'eslint';
import { expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

it('lets lib/ import fast-json-patch and jmespath, and no other package', async () => {
  const eslint = new ESLint({ cwd: root });
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, 'lib/stream-config/x.ts') });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };
  expect(await lint("import jsonpatch from 'fast-json-patch';\nexport const a = jsonpatch;\n")).toEqual([]);
  expect(await lint("import jmespath from 'jmespath';\nexport const a = jmespath;\n")).toEqual([]);
  expect(await lint("import { z } from 'zod';\nexport const a = z;\n")).toEqual([expect.stringContaining('lib/ depends on no package but jmespath and fast-json-patch.')]);
  expect(await lint("import x from 'fast-json-patch/module/core';\nexport const a = x;\n")).toHaveLength(1);
});
