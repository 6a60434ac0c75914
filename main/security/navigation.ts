import { isAppUrl } from './app-scheme';

/**
 * https hosts the app may open in the user's browser (documentation and the vendor's consoles).
 * Everything else a page tries to open is dropped.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'docs.airbyte.com',
  'airbyte.com',
  'app.airbyte.ai',
  'github.com',
  'reference.airbyte.com',
];

/** In-app navigation stays on the app's own origin. */
export function isAllowedNavigation(raw: string): boolean {
  return isAppUrl(raw);
}

export function isAllowedExternalLink(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && EXTERNAL_LINK_HOSTS.includes(url.hostname);
  } catch {
    return false;
  }
}

/** The subset of Electron's WebContents this module touches, so tests can pass a plain fake. */
export interface GuardableContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
}

/**
 * Applied to every webContents the app ever creates (`web-contents-created`), not only the main
 * window: navigation outside the app is denied, `window.open` is denied (allow-listed https links go
 * to the OS browser), webviews are refused.
 */
export function hardenWebContents(contents: GuardableContents, openExternal: (url: string) => void): void {
  const denyForeign = (event: { preventDefault(): void; url: string }) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-frame-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) openExternal(url);
    return { action: 'deny' };
  });
}
