import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

/** electron-builder.yml as electron-builder reads it (js-yaml is its parser too). */
function loadConfig(): Record<string, unknown> {
  return yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}

/**
 * A validator for the schema the installed app-builder-lib ships. The schema is draft-07 (Ajv's default
 * dialect) and uses one keyword from ajv-keywords, `typeof` (for options that take a function), which
 * is defined here with its ajv-keywords meaning rather than switching strict mode off; nor are types
 * coerced, unlike electron-builder's own check, so "true" for a boolean is an error here.
 */
function schemaValidator() {
  const schema = require('app-builder-lib/scheme.json') as { $schema: string };
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  // allowUnionTypes: the schema uses draft-07's `type: [a, b]`, which Ajv's strict mode otherwise only warns about.
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'typeof', schemaType: 'string', validate: (type: string, data: unknown) => typeof data === type, errors: false });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  const validate = schemaValidator();

  it('validates against app-builder-lib/scheme.json', () => {
    const valid = validate(loadConfig());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused by that validator if it had an unknown key or a wrong type (the check can fail)', () => {
    expect(validate({ ...loadConfig(), asarUnpacked: ['x'] })).toBe(false);
    expect(validate({ ...loadConfig(), electronFuses: { runAsNode: 'false' } })).toBe(false);
  });

  it('names the targets, icons and macOS signing inputs it promises, and they exist', () => {
    const config = loadConfig() as {
      appId: string;
      productName: string;
      linux: { target: string[]; icon: string };
      mac: { target: string; icon: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string };
      win: { target: string; icon: string };
    };
    expect(config.productName).toBe('Embedded Console');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target).toBe('nsis');
    for (const file of [config.mac.icon, config.win.icon, config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(readFileSync(path.join(root, file)).length, file).toBeGreaterThan(0);
    }
    // JIT is the one hardened-runtime exception Electron's V8 needs.
    expect(readFileSync(path.join(root, config.mac.entitlements), 'utf8')).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    const png = readFileSync(path.join(root, config.mac.icon));
    // PNG IHDR width and height: electron-builder needs at least 512 px for .icns, 256 for .ico.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('gives the deb its metadata (maintainer, homepage, description)', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { homepage?: string; description?: string };
    const config = loadConfig() as { linux: { maintainer?: string } };
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.description?.length).toBeGreaterThan(0);
  });
});
