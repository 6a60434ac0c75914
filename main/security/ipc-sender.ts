import { isAppUrl } from './app-scheme';

/** What an Electron IPC event tells about its sender (a plain shape so tests need no Electron). */
export interface ElectronSender {
  webContentsId: number;
  frame: { url: string; isTopFrame: boolean } | null;
}

/**
 * A call is accepted only from the top frame of a window we created, showing our own origin:
 * an iframe (the widget preview), a foreign page, or a stray webContents is refused.
 */
export function electronSenderPolicy(trustedWebContentsIds: ReadonlySet<number>) {
  return (sender: ElectronSender): string | null => {
    if (!sender.frame) return 'the sending frame no longer exists';
    if (!sender.frame.isTopFrame) return 'only the top frame may call the app';
    if (!trustedWebContentsIds.has(sender.webContentsId)) return 'the sender is not a window of this app';
    if (!isAppUrl(sender.frame.url)) return 'the sender is not on the app origin';
    return null;
  };
}
