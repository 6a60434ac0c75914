import type { AppErrorShape, ErrorCode, FieldIssue } from '../../preload/contract';

/**
 * The one error type services throw. The router turns it into the Result envelope's `error`; any
 * other thrown value becomes a generic `internal` error so that nothing unexpected (a token inside
 * a library's message, say) reaches the renderer.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly issues: FieldIssue[] | undefined;
  readonly status: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; issues?: FieldIssue[]; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.issues = options.issues;
    this.status = options.status;
  }

  toShape(): AppErrorShape {
    const details: AppErrorShape['details'] = {};
    if (this.issues) details.issues = this.issues;
    if (this.status !== undefined) details.status = this.status;
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(Object.keys(details).length > 0 ? { details } : {}),
    };
  }
}
