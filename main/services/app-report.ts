import os from 'node:os';
import type { AppReport, KeychainHealth, ShellKind } from '../../preload/contract';
import { listChannels } from '../../preload/contract';
import pkg from '../../package.json';
import { BUILD_COMMIT } from './build-info';

export interface AppReportInputs {
  shell: ShellKind;
  keychain: KeychainHealth;
  activeProfile: AppReport['activeProfile'];
}

/** What the diagnostics view shows: facts about this process, nothing secret. */
export function buildAppReport({ shell, keychain, activeProfile }: AppReportInputs): AppReport {
  return {
    name: 'Embedded Console',
    version: pkg.version,
    commit: BUILD_COMMIT,
    shell,
    platform: { os: process.platform, arch: process.arch, release: os.release() },
    runtime: {
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
    },
    keychain,
    activeProfile,
    channels: listChannels().map((entry) => entry.name),
  };
}
