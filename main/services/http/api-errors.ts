import type { ErrorCode, FieldIssue } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { redactText } from './redaction';

interface ParsedBody {
  message: string | null;
  issues: FieldIssue[];
}

const LOC_PREFIXES = new Set(['body', 'query', 'path']);

/**
 * The contract's §9.1 parse order: string `detail`; list `detail` (FastAPI, `loc` minus its
 * body/query/path prefix); the 2026 envelope (`errors` with `field`, top-level `message`); else the
 * raw body (≤ 500 characters).
 */
export function parseErrorBody(text: string): ParsedBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { message: text.trim() ? text.trim().slice(0, 500) : null, issues: [] };
  }
  if (typeof body === 'object' && body !== null) {
    const { detail, errors, message } = body as { detail?: unknown; errors?: unknown; message?: unknown };
    if (typeof detail === 'string') return { message: detail, issues: [] };
    if (Array.isArray(detail)) {
      const issues = detail.map((d: { loc?: unknown[]; msg?: unknown }) => {
        const loc = Array.isArray(d.loc) ? d.loc.map(String) : [];
        const path = (loc.length > 1 && LOC_PREFIXES.has(loc[0] ?? '') ? loc.slice(1) : loc).join('.');
        return { path: path || '(request)', message: String(d.msg ?? 'invalid') };
      });
      return { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
    }
    if (Array.isArray(errors) && errors.length > 0) {
      const issues = errors.map((e: { field?: unknown; message?: unknown }) => ({ path: String(e.field ?? '(request)'), message: String(e.message ?? 'invalid') }));
      return { message: typeof message === 'string' ? message : issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
    }
    if (typeof message === 'string') return { message, issues: [] };
  }
  return { message: text.slice(0, 500), issues: [] };
}

function codeFor(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 405) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'validation';
}

const LEAD: Record<ErrorCode, string> = {
  unauthorized: 'The API did not accept the credentials',
  forbidden: 'The API refused access to this resource',
  not_found: 'Not found',
  conflict: 'Conflict',
  validation: 'The API rejected the request',
  rate_limited: 'The API is rate limiting requests; try again shortly',
  server: 'The API had a server error',
  network: 'Network error',
  timeout: 'Timed out',
  cancelled: 'Cancelled',
  invalid_input: 'Invalid input',
  forbidden_sender: 'Refused',
  unknown_channel: 'Unknown channel',
  internal: 'Internal error',
  keychain_unavailable: 'Keychain unavailable',
  storage: 'Could not save',
};

/** A typed, user-readable error for a non-2xx answer. Never includes request headers. */
export function errorFromResponse(status: number, text: string, what: string): AppError {
  const code = codeFor(status);
  const parsed = parseErrorBody(text);
  // An API (or a proxy in front of it) may echo the request back: never let a token through.
  const detail = parsed.message ? `: ${redactText(parsed.message)}` : '';
  return new AppError(code, `${LEAD[code]} (${what}, HTTP ${status})${detail}`, {
    status,
    retryable: code === 'rate_limited' || code === 'server',
    ...(parsed.issues.length > 0 ? { issues: parsed.issues } : {}),
  });
}
