import { IPC_PATH_PREFIX, LAUNCH_SECRET_HEADER, type Invoke } from '../../preload/contract';

const SECRET_KEY = 'embedded-console.launch-secret';

/**
 * The browser shell hands its per-launch secret in the URL fragment (never sent over the wire).
 * It is moved to sessionStorage, so a reload keeps working, and removed from the address bar, so it
 * does not end up in screenshots or history.
 */
export function takeLaunchSecret(location: Location, history: History, storage: Storage): string | null {
  const match = /(?:^#|&)secret=([0-9a-f]{64})(?:&|$)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem(SECRET_KEY);
}

/** Invoke over the browser shell's HTTP endpoint; answers are the same Result envelopes as over IPC. */
export function createBrowserInvoke(secret: string | null, fetchImpl: typeof fetch = fetch): Invoke {
  return async (channel, input) => {
    const response = await fetchImpl(`${IPC_PATH_PREFIX}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(secret ? { [LAUNCH_SECRET_HEADER]: secret } : {}) },
      body: JSON.stringify({ input }),
    }).catch(() => null);
    if (!response) {
      return {
        ok: false,
        error: { code: 'network', message: 'The console’s local server is not answering. Is `npm start` still running?', retryable: true },
      };
    }
    return (await response.json()) as unknown;
  };
}
