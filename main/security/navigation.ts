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

/** The origin of an http(s) URL without credentials, or null; never throws. */
function httpOrigin(raw: string): string | null {
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * A subframe may load the app itself, or exactly the origins `frameOrigins` names right now: the
 * widget preview host and the widget origins of the open previews (on the Sandbox profile, the
 * sandbox's stand-in widget). The top frame never leaves the app.
 */
export function isAllowedSubframeNavigation(raw: string, frameOrigins: readonly string[]): boolean {
  if (isAllowedNavigation(raw)) return true;
  const origin = httpOrigin(raw);
  return origin !== null && frameOrigins.includes(origin);
}

/**
 * A link `window.open` may hand to the OS browser besides the fixed https hosts: exactly an origin
 * `externalOrigins` names right now (the widget preview host while a preview is open), http(s), no
 * credentials. Other loopback URLs stay refused.
 */
export function isAllowedPreviewLink(raw: string, externalOrigins: readonly string[]): boolean {
  const origin = httpOrigin(raw);
  return origin !== null && externalOrigins.includes(origin);
}

/** What Electron tells navigation listeners; `isMainFrame` is absent on older events and then treated as the top frame. */
export interface NavigationEvent {
  preventDefault(): void;
  url: string;
  isMainFrame?: boolean;
}

/** The subset of Electron's WebContents this module touches, so tests can pass a plain fake. */
export interface GuardableContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
}

/**
 * Applied to every webContents the app ever creates (`web-contents-created`), not only the main
 * window: navigation outside the app is denied, `window.open` is denied (allow-listed https links go
 * to the OS browser, and so do links to `externalOrigins()`: the preview host of an open preview),
 * webviews are refused. Subframes (`will-frame-navigate` and redirects with `isMainFrame: false`) may
 * also go to `frameOrigins()`. Both are read at each event because previews open and close while the
 * window lives.
 */
export function hardenWebContents(
  contents: GuardableContents,
  openExternal: (url: string) => void,
  frameOrigins: () => readonly string[] = () => [],
  externalOrigins: () => readonly string[] = () => [],
): void {
  const denyForeign = (event: NavigationEvent) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  };
  const denyForeignFrame = (event: NavigationEvent) => {
    const allowed = event.isMainFrame === false ? isAllowedSubframeNavigation(event.url, frameOrigins()) : isAllowedNavigation(event.url);
    if (!allowed) event.preventDefault();
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-frame-navigate', denyForeignFrame);
  contents.on('will-redirect', denyForeignFrame);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url) || isAllowedPreviewLink(url, externalOrigins())) openExternal(url);
    return { action: 'deny' };
  });
}
