import { describe, expect, it, vi } from 'vitest';
import { buildCommands, type PaletteActions, type PaletteFacts } from '../../renderer/features/palette/build-commands';
import { flatten, rankCommands, type Command } from '../../renderer/features/palette/commands';
import { fuzzyMatch } from '../../renderer/features/palette/fuzzy';

const labels = (commands: Command[], query: string, cap?: number) => flatten(rankCommands(commands, query, cap)).map((r) => r.command.label);

function actions(): PaletteActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    goTo: (area) => calls.push(`goTo:${area}`),
    runShortcut: (id) => calls.push(`shortcut:${id}`),
    testConnection: (id) => calls.push(`test:${id}`),
    openWorkspace: (id) => calls.push(`workspace:${id}`),
    openSource: (w, s) => calls.push(`source:${w.id}/${s.id}`),
  };
}

const facts = (over: Partial<PaletteFacts> = {}): PaletteFacts => ({
  workspaces: [
    { id: 'w1', name: 'Acme Analytics', status: 'active' },
    { id: 'w2', name: 'Temperature lab', status: 'inactive' },
  ],
  openWorkspace: null,
  presenter: false,
  activeProfile: { id: 'p1', name: 'Sandbox' },
  ...over,
});

describe('fuzzy matching', () => {
  it('matches a subsequence, case-insensitively, and says which characters matched', () => {
    expect(fuzzyMatch('tmpl', 'Templates')?.indexes).toEqual([0, 2, 3, 4]);
    expect(fuzzyMatch('TEMP', 'templates')).not.toBeNull();
    expect(fuzzyMatch('xyz', 'Templates')).toBeNull();
    expect(fuzzyMatch('setmp', 'Templates')).toBeNull(); // order matters
  });

  it('ranks prefixes and word starts above scattered letters', () => {
    const prefix = fuzzyMatch('temp', 'Templates')!.score;
    const wordStart = fuzzyMatch('temp', 'Item temp')!.score;
    const scattered = fuzzyMatch('temp', 'The exam prep')!.score;
    expect(prefix).toBeGreaterThan(wordStart);
    expect(wordStart).toBeGreaterThan(scattered);
  });

  it('finds the better of two placements, not just the first', () => {
    // The first "t" (in "Item") leads nowhere good; the one starting "templates" does.
    expect(fuzzyMatch('tem', 'Item templates')?.indexes).toEqual([5, 6, 7]);
  });

  it('ignores spaces in the query and matches everything when it is empty', () => {
    expect(fuzzyMatch('new  ws', 'New workspace')).not.toBeNull();
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, indexes: [] });
  });
});

describe('the palette commands', () => {
  it('lists areas, actions with their shortcuts, workspaces, in that order when nothing is typed', () => {
    const commands = buildCommands(facts(), actions());
    const groups = rankCommands(commands, '');
    expect(groups.map((g) => g.group)).toEqual(['Areas', 'Actions', 'Workspaces']);
    expect(groups[0]!.items.map((i) => i.command.label)).toEqual(['Workspaces', 'Catalog & JMESPath', 'Stream editor', 'Templates', 'Widget preview', 'About & diagnostics']);
    const byLabel = new Map(commands.map((c) => [c.label, c]));
    expect(byLabel.get('New workspace')?.keys?.shown).toBe('Ctrl/Cmd+Shift+N');
    expect(byLabel.get('Requests')?.keys?.shown).toBe('Ctrl/Cmd+Shift+R');
    expect(byLabel.get('Presenter mode')?.keys?.shown).toBe('Ctrl/Cmd+Shift+P');
    expect(byLabel.get('Keyboard shortcuts')?.keys?.shown).toBe('?');
    expect(byLabel.get('Test connection')?.detail).toContain('Sandbox');
  });

  it('puts the best match first whatever its section ("temp" → Templates, then the Temperature lab workspace)', () => {
    const commands = buildCommands(facts(), actions());
    expect(labels(commands, 'temp').slice(0, 2)).toEqual(['Templates', 'Temperature lab']);
    // A workspace that matches better than any area leads.
    expect(labels(commands, 'acme')[0]).toBe('Acme Analytics');
    expect(labels(commands, 'zzzz')).toEqual([]);
  });

  it('runs the same functions as the app: areas, shortcuts, test, workspace, source', () => {
    const a = actions();
    const commands = buildCommands(facts({ openWorkspace: { workspace: { id: 'w1', name: 'Acme Analytics' }, sources: [{ id: 's1', name: 'Orders DB' }] } }), a);
    const run = (label: string) => commands.find((c) => c.label === label)!.run();
    run('Templates');
    run('New workspace');
    run('Requests');
    run('Presenter mode');
    run('Keyboard shortcuts');
    run('Test connection');
    run('Temperature lab');
    run('Orders DB');
    expect(a.calls).toEqual(['goTo:templates', 'shortcut:new-workspace', 'shortcut:requests', 'shortcut:presenter', 'shortcut:help', 'test:p1', 'workspace:w2', 'source:w1/s1']);
  });

  it('offers no Test connection without an active profile and no sources without an open workspace', () => {
    const commands = buildCommands(facts({ activeProfile: null }), actions());
    expect(commands.some((c) => c.label === 'Test connection')).toBe(false);
    expect(commands.some((c) => c.group === 'Sources')).toBe(false);
  });

  it('caps each section and counts what it left out', () => {
    const many = Array.from({ length: 5041 }, (_, i) => ({ id: `w${i}`, name: `Workspace ${i}`, status: 'active' }));
    const run = vi.fn();
    const commands = buildCommands(facts({ workspaces: many }), { ...actions(), openWorkspace: run });
    const groups = rankCommands(commands, 'workspace 12', 20);
    const workspaces = groups.find((g) => g.group === 'Workspaces')!;
    expect(workspaces.items).toHaveLength(20);
    // "Workspace 12" itself is the best (shortest) match, and 1200–1299 etc. also match.
    expect(workspaces.items[0]!.command.label).toBe('Workspace 12');
    expect(workspaces.hidden).toBeGreaterThan(0);
    expect(workspaces.items.length + workspaces.hidden).toBe(many.filter((w) => fuzzyMatch('workspace 12', w.name)).length);
  });
});
