// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../renderer/state/areas';
import { AREA_ICONS, CopyIcon, DeleteIcon, NewIcon, RefreshIcon, SearchIcon } from '../../renderer/ui/icons';

afterEach(cleanup);

/**
 * Every stylesheet of the renderer, by path, as text. Vitest blanks imported CSS (even `?raw`) and this
 * project compiles without Node's types, so Node's fs is reached through `process.getBuiltinModule`.
 */
interface MinimalFs {
  readdirSync(dir: string, options: { recursive: true }): string[];
  readFileSync(file: string, encoding: 'utf8'): string;
}
const { process: node } = globalThis as unknown as { process: { cwd(): string; getBuiltinModule(id: 'node:fs'): MinimalFs } };
const fs = node.getBuiltinModule('node:fs');
// Vitest runs from the repository's root (vitest.config.mts).
const rendererDir = `${node.cwd()}/renderer/`;
const stylesheets: Record<string, string> = Object.fromEntries(
  fs
    .readdirSync(rendererDir, { recursive: true })
    .filter((file) => file.endsWith('.css'))
    .map((file) => [file, fs.readFileSync(rendererDir + file, 'utf8')]),
);

describe('icons', () => {
  it('are decorative: hidden from assistive technology and never focusable', () => {
    const icons = [CopyIcon, DeleteIcon, NewIcon, RefreshIcon, SearchIcon, ...AREAS.map((area) => AREA_ICONS[area.id])];
    const { container } = render(
      <div>
        {icons.map((Icon, i) => (
          <Icon key={i} />
        ))}
      </div>,
    );
    const svgs = [...container.querySelectorAll('svg')];
    expect(svgs).toHaveLength(icons.length);
    for (const svg of svgs) {
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      expect(svg.getAttribute('focusable')).toBe('false');
    }
  });

  it('leave a button’s accessible name as its text label', () => {
    render(
      <>
        <button type="button">
          <RefreshIcon />
          Refresh
        </button>
        <button type="button">
          <CopyIcon />
          Copy report
        </button>
      </>,
    );
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy report' })).toBeTruthy();
  });

  it('exist for every area of the sidebar', () => {
    for (const area of AREAS) expect(typeof AREA_ICONS[area.id]).toBe('function');
  });
});

describe('design tokens', () => {
  const theme = stylesheets['ui/theme.css'] ?? '';
  const rootBlocks = [...theme.matchAll(/:root\s*{([^}]*)}/g)].map((match) => match[1] ?? '');
  const declared = (block: string) => new Set([...block.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1]));

  it('define every custom property any renderer stylesheet uses', () => {
    const defined = new Set(rootBlocks.flatMap((block) => [...declared(block)]));
    // Properties a rule sets for its own subtree (e.g. --stream-columns) count as defined too.
    const undefinedUses: string[] = [];
    let uses = 0;
    expect(Object.keys(stylesheets).length).toBeGreaterThan(3);
    for (const [file, text] of Object.entries(stylesheets)) {
      const local = declared(text.replace(/:root\s*{[^}]*}/g, ''));
      for (const [, name] of text.matchAll(/var\((--[\w-]+)\s*[,)]/g)) {
        uses += 1;
        if (name && !defined.has(name) && !local.has(name)) undefinedUses.push(`${file}: ${name}`);
      }
    }
    expect(uses).toBeGreaterThan(100);
    expect(undefinedUses).toEqual([]);
  });

  it('give the dark scheme its own value for every colour the light one sets', () => {
    expect(rootBlocks.length).toBeGreaterThanOrEqual(2);
    const [light, dark] = [declared(rootBlocks[0]!), declared(rootBlocks[1]!)];
    // Scales (space, text, radius, fonts, widths) are shared; colours must be set for each scheme.
    const colours = [...light].filter((name) => name && !/^--(space|text|font|radius|dialog|sidebar)(-|$)/.test(name));
    expect(colours.length).toBeGreaterThan(8);
    expect(colours.filter((name) => !dark.has(name))).toEqual([]);
  });
});
