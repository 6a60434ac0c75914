import { isAppUrl } from './app-scheme';

/** What Electron tells the handlers about the asking frame (`PermissionRequest` / `PermissionCheckHandlerHandlerDetails`). */
export interface PermissionDetails {
  isMainFrame: boolean;
  requestingUrl?: string;
}

/** The subset of Electron's Session used here. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string, details: PermissionDetails) => boolean): void;
  setDevicePermissionHandler?(handler: () => boolean): void;
}

/**
 * `navigator.clipboard.writeText` (every Copy button) asks Chromium for this permission, and Electron
 * routes it through the session's check and request handlers (electron/electron#37158). Chromium still
 * requires a user gesture and sanitizes what is written.
 */
export const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/** Only the app's own page, in the window's top frame, may write to the clipboard. */
function isClipboardWriteByApp(permission: string, origin: string | undefined, details: PermissionDetails | undefined): boolean {
  return permission === CLIPBOARD_WRITE && details?.isMainFrame === true && origin !== undefined && isAppUrl(origin);
}

/**
 * The app needs none of the web's powerful features (camera, geolocation, notifications, HID…):
 * everything is denied except clipboard writes from the app itself.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isClipboardWriteByApp(permission, details?.requestingUrl, details)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isClipboardWriteByApp(permission, requestingOrigin, details),
  );
  session.setDevicePermissionHandler?.(() => false);
}
