import tls from 'node:tls';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import { AppError } from '../../ipc/app-error';
import { errorFromResponse } from './api-errors';
import { redactText } from './redaction';
import { describeTlsFailure, rawTlsText } from './tls-errors';
import { curlSnippet, type CurlAuth } from './curl-snippet';
import { keptText } from './exchange-record';
import { RequestLog } from './request-log';
import { DEFAULT_RETRY_POLICY, retryAfterMs, type RetryPolicy } from './retry-policy';

export interface TransportOptions {
  /** HTTPS proxy URL (profile setting, else HTTPS_PROXY). */
  proxy?: string | undefined;
  /** Extra CA certificates (PEM text, read by `loadCaFile`) trusted in addition to the system's. */
  caPem?: string | undefined;
  connectTimeoutMs?: number;
  /** How long a request may take when it does not say (default 30 s). */
  timeoutMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** Bearer token; sent as Authorization and never logged. */
  token?: string;
  /** How that token was minted, for the request log's "Copy as curl" (which mints its own). */
  curlAuth?: CurlAuth;
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether 5xx / dropped connections may be retried (GET, PUT, DELETE and token mints). */
  idempotent: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Words for error messages: "listing workspaces". */
  what: string;
}

export interface HttpResponse<T = unknown> {
  status: number;
  body: T;
  bytes: number;
}

/** What `sendText` answers: the body as received, and its size in bytes. */
export interface HttpTextResponse {
  status: number;
  text: string;
  bytes: number;
}

export interface TextRequestOptions {
  /** Called with the bytes of the body received so far in this attempt (0 when an attempt starts). */
  onProgress?: (bytesReceived: number, attempt: number) => void;
  /** Larger bodies are refused (default 256 MB). */
  maxBytes?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

/** A failure the retry loop may retry; `retryAfterMs` is the server's Retry-After, when it sent one. */
class Transient extends Error {
  constructor(
    readonly error: AppError,
    readonly retryAfterMs: number | null = null,
  ) {
    super(error.message);
  }
}

/** The library's text of a TLS failure, carried as the cause so the request log can keep it. */
class TlsFailure extends Error {}

/** What the request log keeps of a failure: the sentence shown, and for TLS the library's own text. */
function logText(failure: AppError): string {
  return failure.cause instanceof TlsFailure ? `${failure.message} (${failure.cause.message})` : failure.message;
}

function dispatcherFor(options: TransportOptions): Dispatcher {
  // Added to Node's bundled roots, not instead of them: a corporate CA must not break public hosts.
  const ca = options.caPem ? [...tls.rootCertificates, options.caPem] : undefined;
  const connect = { timeout: options.connectTimeoutMs ?? 10_000, ...(ca ? { ca } : {}) };
  const proxy = options.proxy ?? process.env.HTTPS_PROXY ?? process.env.https_proxy;
  // Agent keeps one keep-alive pool per origin.
  if (proxy) return new ProxyAgent({ uri: proxy, requestTls: ca ? { ca } : {}, connect });
  return new Agent({ connect, keepAliveTimeout: 30_000, connections: 32 });
}

/**
 * Every API call of the app goes through here: timeouts, cancellation, the §9.2 retry rules, typed
 * errors with user-readable messages, and a redacted request log.
 */
export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;

  constructor(
    options: TransportOptions = {},
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    /** Passed in when the log must outlive this client (a profile's client is rebuilt on every settings change). */
    readonly log: RequestLog = new RequestLog(),
  ) {
    this.dispatcher = dispatcherFor(options);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  async send<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    return this.withRetries(req, (attempt) => this.once<T>(req, attempt));
  }

  /** The §9.2 retry rules around one attempt: 429 for any method, transient failures when idempotent. */
  private async withRetries<R>(req: HttpRequest, attemptOnce: (attempt: number) => Promise<R>): Promise<R> {
    let rateLimited = 0;
    let transient = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce(attempt);
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        let wait: number;
        if (error.error.code === 'rate_limited' && rateLimited < this.policy.rateLimitRetries) {
          rateLimited++;
          wait = error.retryAfterMs ?? this.policy.backoffMs(rateLimited);
        } else if (error.error.code !== 'rate_limited' && req.idempotent && transient < this.policy.transientRetries) {
          transient++;
          wait = this.policy.backoffMs(transient);
        } else {
          throw error.error;
        }
        await sleep(wait, req.signal).catch(() => {
          throw new AppError('cancelled', `Cancelled while waiting to retry ${req.what}.`);
        });
      }
    }
  }

  /** What every attempt starts with: its clock, its deadline joined with the caller's cancel, its headers. */
  private begin(req: HttpRequest) {
    const timeout = AbortSignal.timeout(req.timeoutMs ?? this.timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    return {
      started: performance.now(),
      startedAt: new Date().toISOString(),
      timeout,
      signal: req.signal ? AbortSignal.any([req.signal, timeout]) : timeout,
      headers,
    };
  }

  private async once<T>(req: HttpRequest, attempt: number): Promise<HttpResponse<T>> {
    const { started, startedAt, timeout, signal, headers } = this.begin(req);
    let payload: string | undefined;
    if (req.body !== undefined) {
      payload = JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }
    let responseHeaders: Record<string, string | string[] | undefined> = {};
    const record = (status: number | null, bytes: number, error: string | null, responseText?: string) =>
      this.log.add({
        method: req.method,
        url: req.url,
        status,
        durationMs: Math.round(performance.now() - started),
        sizeBytes: bytes,
        startedAt,
        attempt,
        error,
        curl: curlSnippet(req.method, req.url, { auth: req.curlAuth, body: req.body }),
      }, { requestHeaders: headers, responseHeaders, requestBody: req.body, responseText: responseText === undefined ? undefined : keptText(responseText), responseBytes: bytes });

    let status: number;
    let text: string;
    let retryAfterHeader: string | string[] | undefined;
    try {
      const res = await request(req.url, { method: req.method, headers, body: payload, signal, dispatcher: this.dispatcher });
      status = res.statusCode;
      responseHeaders = res.headers;
      retryAfterHeader = res.headers['retry-after'];
      text = await res.body.text();
    } catch (error) {
      const failure = this.transportError(error, req, timeout, signal);
      record(null, 0, logText(failure));
      if (failure.code === 'network' && failure.retryable) throw new Transient(failure);
      throw failure;
    }
    const bytes = Buffer.byteLength(text);
    if (status >= 200 && status < 300) {
      if (status === 204 || text === '') {
        record(status, bytes, null, text);
        return { status, body: undefined as T, bytes };
      }
      try {
        const body = JSON.parse(text) as T;
        record(status, bytes, null, text);
        return { status, body, bytes };
      } catch {
        const failure = new AppError('network', `The answer to ${req.what} arrived incomplete or garbled (HTTP ${status}, ${bytes} bytes).`, { retryable: true, status });
        record(status, bytes, failure.message, text);
        throw new Transient(failure);
      }
    }
    const failure = errorFromResponse(status, text, req.what);
    record(status, bytes, failure.message, text);
    if (status === 429) {
      throw new Transient(failure, retryAfterMs(retryAfterHeader, Date.now(), this.policy.maxRetryAfterMs));
    }
    if (status === 502 || status === 503 || status === 504 || status === 500) throw new Transient(failure);
    throw failure;
  }

  /**
   * A GET whose 2xx body is wanted as text, as received: read from undici's body stream while the
   * bytes are counted (`onProgress`), never JSON-parsed here (a 36 MB catalog parsed in main blocks
   * it for seconds; the caller checks what it needs). Same timeouts, cancellation, §9.2 retries,
   * typed errors and request log as `send`. A body over `maxBytes` is refused.
   */
  async sendText(req: HttpRequest, options: TextRequestOptions = {}): Promise<HttpTextResponse> {
    return this.withRetries(req, (attempt) => this.onceText(req, attempt, options));
  }

  private async onceText(req: HttpRequest, attempt: number, options: TextRequestOptions): Promise<HttpTextResponse> {
    const { started, startedAt, timeout, signal, headers } = this.begin(req);
    const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    let received = 0;
    let responseHeaders: Record<string, string | string[] | undefined> = {};
    let responseText: string | undefined;
    const record = (status: number | null, error: string | null) =>
      this.log.add({
        method: req.method,
        url: req.url,
        status,
        durationMs: Math.round(performance.now() - started),
        sizeBytes: received,
        startedAt,
        attempt,
        error,
        curl: curlSnippet(req.method, req.url, { auth: req.curlAuth }),
      }, { requestHeaders: headers, responseHeaders, requestBody: undefined, responseText, responseBytes: received });
    options.onProgress?.(0, attempt);

    let res: Dispatcher.ResponseData;
    try {
      res = await request(req.url, { method: req.method, headers, signal, dispatcher: this.dispatcher });
    } catch (error) {
      const failure = this.transportError(error, req, timeout, signal);
      record(null, logText(failure));
      if (failure.code === 'network' && failure.retryable) throw new Transient(failure);
      throw failure;
    }
    const status = res.statusCode;
    responseHeaders = res.headers;
    if (status < 200 || status >= 300) {
      let text = '';
      try {
        text = await res.body.text();
      } catch {
        text = '';
      }
      received = Buffer.byteLength(text);
      responseText = keptText(text);
      const failure = errorFromResponse(status, text, req.what);
      record(status, failure.message);
      if (status === 429) throw new Transient(failure, retryAfterMs(res.headers['retry-after'], Date.now(), this.policy.maxRetryAfterMs));
      if (status === 502 || status === 503 || status === 504 || status === 500) throw new Transient(failure);
      throw failure;
    }
    const lengthHeader = res.headers['content-length'];
    const expected = typeof lengthHeader === 'string' && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
    if (expected !== null && expected > maxBytes) {
      res.body.destroy();
      const failure = new AppError('server', `The answer to ${req.what} is ${expected} bytes, more than the ${maxBytes} the app accepts.`, { status });
      record(status, failure.message);
      throw failure;
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        received += chunk.length;
        if (received > maxBytes) {
          res.body.destroy();
          throw new AppError('server', `The answer to ${req.what} grew past the ${maxBytes} bytes the app accepts; it was abandoned.`, { status });
        }
        chunks.push(chunk);
        options.onProgress?.(received, attempt);
      }
    } catch (error) {
      if (error instanceof AppError) {
        record(status, error.message);
        throw error;
      }
      const failure = this.transportError(error, req, timeout, signal);
      if (failure.code !== 'network') {
        record(status, failure.message);
        throw failure;
      }
      const of = expected !== null ? ` of ${expected}` : '';
      const broken = new AppError('network', `The answer to ${req.what} broke off after ${received}${of} bytes (${failure.message.replace(/^Network error while [^:]*: /, '').replace(/\.$/, '')}).`, { retryable: true, status });
      record(status, broken.message);
      throw new Transient(broken);
    }
    if (expected !== null && received !== expected) {
      const failure = new AppError('network', `The answer to ${req.what} arrived incomplete (${received} of ${expected} bytes).`, { retryable: true, status });
      record(status, failure.message);
      throw new Transient(failure);
    }
    // One decode of the whole body: a chunk boundary may split a UTF-8 sequence.
    const text = Buffer.concat(chunks, received).toString('utf8');
    // The inspector keeps the first part only.
    responseText = keptText(text);
    record(status, null);
    return { status, text, bytes: received };
  }

  private transportError(error: unknown, req: HttpRequest, timeout: AbortSignal, signal: AbortSignal): AppError {
    const code = (error as { code?: string }).code ?? '';
    if (req.signal?.aborted) return new AppError('cancelled', `Cancelled ${req.what}.`);
    if (timeout.aborted || signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new AppError('timeout', `The API did not answer ${req.what} in time.`, { retryable: true });
    }
    // A failed handshake does not heal on a retry: said at once, in words, with the fix.
    const tls = describeTlsFailure(error, req.url);
    if (tls) return new AppError('network', tls, { retryable: false, cause: new TlsFailure(redactText(rawTlsText(error))) });
    const where = new URL(req.url).host;
    const reason =
      code === 'ECONNREFUSED'
        ? `nothing is listening at ${where}`
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? `${where} could not be resolved (offline?)`
          : code === 'UND_ERR_SOCKET' || code === 'ECONNRESET'
            ? 'the connection was dropped'
            : redactText((error as Error).message ?? String(error));
    return new AppError('network', `Network error while ${req.what}: ${reason}.`, { retryable: true });
  }
}
