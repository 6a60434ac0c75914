import { BULK_HEAD_HEADER, bulkTextChannels, IPC_PATH_PREFIX, LAUNCH_SECRET_HEADER, type Invoke } from '../../preload/contract';

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
  const bulkKeys = bulkTextChannels();
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
    const head = response.headers.get(BULK_HEAD_HEADER);
    if (head === null) return (await response.json()) as unknown;
    return readFramed(response, head, bulkKeys.get(channel));
  };
}

const brokenFrame = (why: string) => ({ ok: false, error: { code: 'internal', message: `The console’s local server sent a broken answer (${why}).`, retryable: true } });

/**
 * A framed answer (see `sendWithBulkText` in main/shell/browser-server.ts): the envelope, then the bulk
 * text's bytes, which become a Blob slice — never decoded here, on the UI thread.
 */
async function readFramed(response: Response, headerValue: string, key: string | undefined): Promise<unknown> {
  const blob = await response.blob();
  const headBytes = /^\d{1,9}$/.test(headerValue) ? Number(headerValue) : NaN;
  if (key === undefined || !(headBytes > 0 && headBytes <= blob.size)) return brokenFrame('a bulk answer on a channel without one');
  let envelope: unknown;
  try {
    envelope = JSON.parse(await blob.slice(0, headBytes).text());
  } catch {
    return brokenFrame('its envelope is not JSON');
  }
  const value = typeof envelope === 'object' && envelope !== null ? (envelope as { value?: unknown }).value : null;
  if (typeof value !== 'object' || value === null) return brokenFrame('no value');
  return { ...(envelope as object), value: { ...value, [key]: blob.slice(headBytes, blob.size, 'application/json') } };
}
