import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { SENTINEL } from '@electron/fuses/dist/constants';

/** How a fuse reads in the wire: ASCII '0' and '1' (@electron/fuses' FuseState). */
export const FUSE_DISABLED = '0'.charCodeAt(0);
export const FUSE_ENABLED = '1'.charCodeAt(0);

/**
 * The fuse wire Electron 45 ships with (electron/electron build/fuses/fuses.json5), so the packaged
 * binary can only show the hardened values if electron-builder flipped them.
 */
export const SHIPPED_FUSES: Record<FuseV1Options, number> = {
  [FuseV1Options.RunAsNode]: FUSE_ENABLED,
  [FuseV1Options.EnableCookieEncryption]: FUSE_DISABLED,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FUSE_ENABLED,
  [FuseV1Options.EnableNodeCliInspectArguments]: FUSE_ENABLED,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FUSE_DISABLED,
  [FuseV1Options.OnlyLoadAppFromAsar]: FUSE_DISABLED,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FUSE_DISABLED,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FUSE_ENABLED,
};

/**
 * An unpacked "Electron for Linux" that electron-builder's `electronDist` accepts: an `electron`
 * executable (here only bytes around the fuse sentinel, version 1 wire, one byte per fuse) and the
 * files the real zip has next to it. Our machines cannot download the real one.
 */
export function writeFakeElectronDist(dir: string, version: string): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const fuses = Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number');
  const wire = Buffer.from([1, fuses.length, ...fuses.map((fuse) => SHIPPED_FUSES[fuse])]);
  const executable = path.join(dir, 'electron');
  writeFileSync(executable, Buffer.concat([Buffer.from('\x7fELF fake electron\n'), Buffer.from(SENTINEL), wire, Buffer.from('\nend\n')]));
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'version'), version);
  writeFileSync(path.join(dir, 'LICENSE'), 'fake\n');
  return dir;
}
