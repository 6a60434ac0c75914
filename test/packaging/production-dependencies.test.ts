import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder packages exactly the "dependencies" and "optionalDependencies" of package.json (with
// their own dependencies). keytar is optional so that `npm install` still succeeds where it cannot be
// compiled (no libsecret headers): the app then reports the keychain unavailable instead of not starting.
// The renderer is bundled whole by Vite, and main/preload keep only these external, so "dependencies"
// must be exactly the packages the built main and preload still load at run time: a missing one breaks
// the packaged app, an extra one ships for nothing. npm test builds out/ before vitest runs.
const root = path.resolve(__dirname, '../..');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every module specifier a built CJS file loads: require("x") and import("x"). */
function specifiers(source: string): string[] {
  return [...source.matchAll(/\b(?:require|import)\(\s*["']([^"'\n]+)["']\s*\)/g)].map((match) => match[1] as string);
}

/** The package a bare specifier names ("@scope/name/sub" → "@scope/name", "name/sub" → "name"). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

describe('production dependencies', () => {
  const builtDirs = ['out/main', 'out/preload'].map((dir) => path.join(root, dir));
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).sort();

  const external = () => {
    for (const dir of builtDirs) expect(existsSync(dir), `${dir} is missing: run npx electron-vite build first`).toBe(true);
    const found = new Map<string, string>();
    for (const file of builtDirs.flatMap(jsFiles)) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.') || isBuiltin(specifier)) continue;
        found.set(packageOf(specifier), path.relative(root, file));
      }
    }
    return found;
  };

  it('lists every package the built main and preload load, besides Node built-ins and Electron', () => {
    const found = external();
    expect(found.size).toBeGreaterThan(1);
    const missing = [...found].filter(([name]) => name !== 'electron' && !dependencies.includes(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('lists nothing else (renderer-only packages are devDependencies: Vite bundles them)', () => {
    const found = external();
    expect(dependencies.filter((name) => !found.has(name))).toEqual([]);
  });

  it('keeps Electron and electron-builder out of the package', () => {
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['electron', 'electron-builder']));
    expect(dependencies).not.toContain('electron');
    expect(dependencies).not.toContain('electron-builder');
  });
});
