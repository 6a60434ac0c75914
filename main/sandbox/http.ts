import type http from 'node:http';

/** An API answer: a JSON body, or pre-serialized bytes (the large catalog), or nothing (204). */
export interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Thrown by handlers; carries the exact status and body the vendor API would send. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body && 'detail' in body ? String((body as { detail: unknown }).detail) : `HTTP ${status}`);
  }
}

export const detail = (status: number, message: string) => new HttpError(status, { detail: message });

export const unauthorized = () => detail(401, 'Invalid authentication credentials');
export const forbidden = () => detail(403, 'Access denied to this resource');
export const notFound = (what = 'Not Found') => detail(404, what);

/** FastAPI's list form of a 422 (contract §9.1). */
export interface FieldError {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

export const unprocessable = (errors: FieldError[]) => new HttpError(422, { detail: errors });

export const missingField = (loc: Array<string | number>) => unprocessable([{ loc, msg: 'field required', type: 'value_error.missing' }]);

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

export type RouteParams = Record<string, string>;

export interface RequestFacts {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Raw body text; undefined when there was none. */
  rawBody: string | undefined;
}
