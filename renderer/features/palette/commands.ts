import { fuzzyMatch, isStrong, type FuzzyMatch } from './fuzzy';

/** The palette's sections, in the order they show when nothing is typed. */
export const COMMAND_GROUPS = ['Areas', 'Actions', 'Workspaces', 'Sources'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

export interface Command {
  /** Unique across the palette (it becomes part of the option's element id). */
  id: string;
  group: CommandGroup;
  /** The section's heading when it says more than the group's name ("Sources in acme-us-demo"). */
  groupLabel?: string;
  /** What is matched and what the option is called. */
  label: string;
  /** A second, quieter line: a workspace's status, the workspace a source is in. Not matched. */
  detail?: string;
  /** The shortcut as shown ("Ctrl/Cmd+Shift+R") and as aria-keyshortcuts spells it. */
  keys?: { shown: string; aria: string };
  run(): void;
}

export interface RankedCommand {
  command: Command;
  /** Matched characters of the label, for highlighting. */
  indexes: number[];
}

export interface RankedGroup {
  group: CommandGroup;
  /** The heading shown: the first option's `groupLabel`, else the group's name. */
  label: string;
  items: RankedCommand[];
  /** Matches left out of this group by the cap (the user narrows the query to reach them). */
  hidden: number;
}

/**
 * An organization can have thousands of workspaces: each section shows at most this many options, so
 * the list stays short enough to move through with the arrow keys and cheap to draw on every key.
 */
export const GROUP_CAP = 20;

/**
 * The commands that match `query`, by section. With a query, each section is sorted best match first
 * and the sections by their best match, so the first option (what Enter runs) is the best match of
 * all; without one, everything in its given order.
 */
export function rankCommands(commands: readonly Command[], query: string, cap = GROUP_CAP): RankedGroup[] {
  const matches: { command: Command; match: FuzzyMatch; order: number }[] = [];
  commands.forEach((command, order) => {
    const match = fuzzyMatch(query, command.label);
    if (match) matches.push({ command, match, order });
  });
  // Letters scattered across a long name are noise next to a name that holds the query in one
  // piece: with any strong match, the weak ones go ("postgres" finds "Postgres - acme" alone).
  const anyStrong = matches.some((m) => isStrong(m.match));
  const byGroup = new Map<CommandGroup, { item: RankedCommand; score: number; order: number }[]>();
  for (const { command, match, order } of matches) {
    if (anyStrong && !isStrong(match)) continue;
    const list = byGroup.get(command.group) ?? [];
    list.push({ item: { command, indexes: match.indexes }, score: match.score, order });
    byGroup.set(command.group, list);
  }
  const groups = COMMAND_GROUPS.flatMap((group) => {
    const list = byGroup.get(group);
    if (!list) return [];
    list.sort((a, b) => b.score - a.score || a.order - b.order);
    const label = list.find((x) => x.item.command.groupLabel)?.item.command.groupLabel ?? group;
    return [{ group, label, best: list[0]?.score ?? 0, items: list.slice(0, cap).map((x) => x.item), hidden: Math.max(0, list.length - cap) }];
  });
  // Array.prototype.sort is stable: equal best scores (an empty query) keep the section order.
  groups.sort((a, b) => b.best - a.best);
  return groups.map(({ group, label, items, hidden }) => ({ group, label, items, hidden }));
}

/** The options in the order the arrow keys walk them. */
export function flatten(groups: readonly RankedGroup[]): RankedCommand[] {
  return groups.flatMap((g) => g.items);
}
