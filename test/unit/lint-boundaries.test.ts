import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (lint)', () => {
  it('forbids the renderer from importing main, Node or Electron', async () => {
    expect(await restrictedImports('renderer/features/x.ts', "import { createCore } from '../../main/core';\nexport const a = createCore;\n")).toEqual([
      expect.stringContaining('never main'),
    ]);
    expect(await restrictedImports('renderer/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
  });

  it('keeps monaco-editor inside renderer/editors/monaco', async () => {
    const code = "import * as monaco from 'monaco-editor/editor/editor.api';\nexport const m = monaco;\n";
    expect(await restrictedImports('renderer/features/about/View.ts', code)).toEqual([expect.stringContaining('Only renderer/editors/monaco')]);
    expect(await restrictedImports('renderer/editors/monaco/x.ts', code)).toEqual([]);
  });

  it('forbids main from importing the renderer', async () => {
    expect(await restrictedImports('main/services/x.ts', "import { App } from '../../renderer/app/App';\nexport const a = App;\n")).toEqual([
      expect.stringContaining('never the renderer'),
    ]);
  });

  it('lets both sides import the contract', async () => {
    const code = "import { contract } from '../../preload/contract';\nexport const c = contract;\n";
    expect(await restrictedImports('main/services/x.ts', code)).toEqual([]);
    expect(await restrictedImports('renderer/state/x.ts', code)).toEqual([]);
  });

  it('keeps the contract free of app, Electron and Node imports', async () => {
    expect(await restrictedImports('preload/contract/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictedImports('preload/contract/x.ts', "import os from 'node:os';\nexport const a = os;\n")).toHaveLength(1);
    expect(await restrictedImports('preload/contract/x.ts', "import { AppError } from '../../main/ipc/app-error';\nexport const a = AppError;\n")).toHaveLength(1);
    expect(await restrictedImports('preload/contract/x.ts', "import { z } from 'zod';\nimport { channel } from './define';\nexport const a = [z, channel];\n")).toEqual([]);
  });
});
