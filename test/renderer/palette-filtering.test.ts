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
    ask: (intent, area) => calls.push(`ask:${area ?? 'here'}:${JSON.stringify(intent)}`),
    copyWorkspaceId: (w) => calls.push(`copy-id:${w.id}`),
    mintWidget: (w) => calls.push(`mint:${w?.id ?? 'none'}`),
  };
}

const facts = (over: Partial<PaletteFacts> = {}): PaletteFacts => ({
  workspaces: [
    { id: 'w1', name: 'Acme Analytics', status: 'active' },
    { id: 'w2', name: 'Temperature lab', status: 'inactive' },
  ],
  selectedWorkspace: null,
  openWorkspace: null,
  presenter: false,
  activeProfile: { id: 'p1', name: 'Sandbox', builtIn: true },
  profiles: [{ id: 'p1', name: 'Sandbox', builtIn: true }],
  tickedWorkspaces: 0,
  inspectorOpen: false,
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
    expect(byLabel.get('Open request inspector')?.keys?.shown).toBe('Ctrl/Cmd+Shift+R');
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
    run('Open request inspector');
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

describe('matching whole words before scattered letters', () => {
  const named = (...names: string[]): Command[] => names.map((label, i) => ({ id: `c${i}`, group: 'Workspaces', label, run: () => undefined }));

  it('finds the name that holds the query in one piece, and drops letter-by-letter matches then', () => {
    const commands = named('Port stage regression tests', 'Postgres - acme', 'acme postgres replica', 'pastel grapes');
    expect(labels(commands, 'postgres')).toEqual(['Postgres - acme', 'acme postgres replica']);
    expect(fuzzyMatch('postgres', 'Postgres - acme')).toMatchObject({ kind: 'substring', indexes: [0, 1, 2, 3, 4, 5, 6, 7] });
  });

  it('ranks the label start, then a word start, then inside a word, then word initials, then scattered letters', () => {
    const score = (q: string, label: string) => fuzzyMatch(q, label)!.score;
    expect(score('acme', 'Acme lab')).toBeGreaterThan(score('acme', 'Big acme lab'));
    expect(score('acme', 'Big acme lab')).toBeGreaterThan(score('acme', 'Bigacme lab'));
    expect(score('acme', 'Bigacme lab')).toBeGreaterThan(score('nw', 'New workspace'));
    expect(score('nw', 'New workspace')).toBeGreaterThan(score('nwk', 'New workspace'));
    expect(fuzzyMatch('nw', 'New workspace')?.kind).toBe('initials');
  });

  it('keeps scattered matches when nothing better exists', () => {
    expect(labels(named('Templates', 'Stream editor'), 'tmpl')).toEqual(['Templates']);
  });
});

describe('the palette runs any action', () => {
  const own = { id: 'p2', name: 'Acme prod', builtIn: false };
  const everything = () =>
    buildCommands(
      facts({
        activeProfile: own,
        profiles: [{ id: 'p1', name: 'Sandbox', builtIn: true }, own, { id: 'p3', name: 'EU staging', builtIn: false }],
        tickedWorkspaces: 3,
        selectedWorkspace: { id: 'w1', name: 'Acme Analytics' },
      }),
      actions(),
    );

  it('finds the profile, region and template actions by a word of their name', () => {
    const commands = everything();
    expect(labels(commands, 'suggest')).toEqual(['Suggest regions…']);
    expect(labels(commands, 'profile')).toEqual(expect.arrayContaining(['New profile…', 'Edit profile…', 'Switch profile to Sandbox', 'Switch profile to EU staging']));
    expect(labels(commands, 'profile')).not.toContain('Switch profile to Acme prod');
    expect(labels(commands, 'region')).toEqual(expect.arrayContaining(['Suggest regions…', 'Export regions…', 'Import regions…', 'Set region of the selection…']));
    expect(labels(commands, 'credentials')).toEqual(['Set credentials…']);
    expect(labels(commands, 'template')).toEqual(expect.arrayContaining(['Templates', 'New source template', 'New connection template']));
    expect(labels(commands, 'draft')).toEqual(['New draft…']);
    expect(labels(commands, 'widget')[0]).toBe('Widget preview');
    expect(labels(commands, 'widget')).toContain('Mint widget token…');
    expect(labels(commands, 'copy')).toEqual(['Copy workspace ID']);
    expect(labels(commands, 'inspector')).toEqual(['Open request inspector']);
  });

  it('asks the feature that owns each control, in its area, and passes the open workspace on', () => {
    const a = actions();
    const commands = buildCommands(
      facts({ activeProfile: own, profiles: [own, { id: 'p3', name: 'EU staging', builtIn: false }], tickedWorkspaces: 2, selectedWorkspace: { id: 'w1', name: 'Acme Analytics' } }),
      a,
    );
    for (const label of [
      'New profile…',
      'Edit profile…',
      'Set credentials…',
      'Switch profile to EU staging',
      'Suggest regions…',
      'Set region of the selection…',
      'Export regions…',
      'Import regions…',
      'New source template',
      'New connection template',
      'New draft…',
      'Mint widget token…',
      'Copy workspace ID',
    ]) {
      commands.find((c) => c.label === label)!.run();
    }
    expect(a.calls).toEqual([
      'ask:here:{"kind":"new-profile"}',
      'ask:here:{"kind":"edit-profile"}',
      'ask:here:{"kind":"set-credentials"}',
      'ask:here:{"kind":"switch-profile","profileId":"p3"}',
      'ask:workspaces:{"kind":"suggest-regions"}',
      'ask:workspaces:{"kind":"set-region-of-selection"}',
      'ask:workspaces:{"kind":"export-regions"}',
      'ask:workspaces:{"kind":"import-regions"}',
      'ask:templates:{"kind":"new-source-template"}',
      'ask:templates:{"kind":"new-connection-template"}',
      'ask:templates:{"kind":"new-draft"}',
      'mint:w1',
      'copy-id:w1',
    ]);
  });

  it('offers only what applies: no profile edits on the built-in Sandbox, no selection or copy without one', () => {
    const labelsOf = buildCommands(facts(), actions()).map((c) => c.label);
    expect(labelsOf).toContain('New profile…');
    expect(labelsOf).not.toContain('Edit profile…');
    expect(labelsOf).not.toContain('Set credentials…');
    expect(labelsOf.some((l) => l.startsWith('Switch profile to'))).toBe(false);
    expect(labelsOf).not.toContain('Set region of the selection…');
    expect(labelsOf).not.toContain('Copy workspace ID');
    expect(labelsOf).toContain('Mint widget token…');
  });

  it('names the inspector action by what it will do', () => {
    expect(buildCommands(facts({ inspectorOpen: true }), actions()).some((c) => c.label === 'Close request inspector')).toBe(true);
  });

  it('says whose sources it lists', () => {
    const commands = buildCommands(facts({ openWorkspace: { workspace: { id: 'w1', name: 'Acme Analytics' }, sources: [{ id: 's1', name: 'Orders DB' }] } }), actions());
    const sources = rankCommands(commands, 'orders').find((g) => g.group === 'Sources');
    expect(sources?.label).toBe('Sources in Acme Analytics');
    expect(rankCommands(commands, '').find((g) => g.group === 'Areas')?.label).toBe('Areas');
  });
});
