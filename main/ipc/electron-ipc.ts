import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ElectronSender } from '../security/ipc-sender';
import type { Router } from './router';

export function senderOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): ElectronSender {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frame: frame ? { url: frame.url, isTopFrame: frame.parent === null } : null,
  };
}

/** Registers exactly the router's channels with ipcMain; nothing else answers. */
export function bindRouterToIpc(ipcMain: Pick<IpcMain, 'handle'>, router: Router<ElectronSender>): void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, input: unknown) => router.dispatch(channel, input, senderOf(event)));
  }
}
