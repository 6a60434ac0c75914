export const DEBIAN_PACKAGES: Array<[name: string, reason: string]>;
export function missingDebianPackages(packages: string[], query: (packages: string[]) => string): string[];
export type SystemSetup =
  | { action: 'none' }
  | { action: 'install'; argv: string[][] }
  | { action: 'stop'; command: string };
export function decideSystemSetup(input: { isDebian: boolean; missing: string[]; isRoot: boolean; hasSudo: boolean }): SystemSetup;
export function dependenciesNeedInstall(root: string): string | null;
export function prepareTestMachine(options?: {
  root: string;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}): boolean;
