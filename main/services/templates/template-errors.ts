import { AppError } from '../../ipc/app-error';

// Plain-words messages for what the templates and tags endpoints answer. The client already turns
// `{"detail": …}` into "Not found (renaming a tag, HTTP 404): Template tag with name 'x' not found.";
// here the cases a user meets often get a sentence that says what to do, and an unreachable API
// says so first.

/** Network failures and timeouts: the API was not reached at all (as opposed to refusing). */
export function isUnreachable(error: unknown): error is AppError {
  return error instanceof AppError && (error.code === 'network' || error.code === 'timeout');
}

const UNREACHABLE = 'The API could not be reached: ';

/** "The API could not be reached: nothing is listening at 127.0.0.1:9 (listing connectors)." */
export function reachable(error: unknown): unknown {
  if (!isUnreachable(error) || error.message.startsWith(UNREACHABLE)) return error;
  const network = /^Network error while ([^:]*): (.*?)\.?$/.exec(error.message);
  const timeout = /^The API did not answer (.*) in time\.$/.exec(error.message);
  // Anything else already is a sentence of its own (a TLS failure says what to change): kept as is.
  if (!network && !timeout) return error;
  const message = network ? `${UNREACHABLE}${network[2]} (${network[1]}).` : `${UNREACHABLE}it did not answer ${timeout?.[1]} in time.`;
  return new AppError(error.code, message, { retryable: true, ...(error.status !== undefined ? { status: error.status } : {}), cause: error });
}

const withStatus = (error: AppError) => (error.status !== undefined ? { status: error.status } : {});

/** The API's own words after "…HTTP 4xx): ", when it gave any. */
function serverWords(error: AppError): string {
  const at = error.message.indexOf('): ');
  return at >= 0 ? error.message.slice(at + 3) : '';
}

/** 404 on a template id: it was deleted (or never existed in this organization). */
export function templateErrors(kind: 'source' | 'connection', id: string) {
  return (error: unknown): unknown => {
    if (error instanceof AppError && error.code === 'not_found') {
      const words = serverWords(error);
      if (/definition/i.test(words)) return new AppError('not_found', `The API does not know the connector ${id}: pick a connector from the list.`, withStatus(error));
      return new AppError('not_found', `The ${kind} template ${id} was not found (it may have been deleted): reload the list.`, withStatus(error));
    }
    return reachable(error);
  };
}

/** Detaching a tag the template does not carry. */
export function detachErrors(kind: 'source' | 'connection', id: string, tag: string) {
  return (error: unknown): unknown => {
    if (error instanceof AppError && error.code === 'not_found' && /not found on this template/i.test(error.message)) {
      return new AppError('not_found', `The ${kind} template does not carry the tag “${tag}” (it may have been removed already): reload it.`, withStatus(error));
    }
    return templateErrors(kind, id)(error);
  };
}

/** §8.1: unknown tag 404, taken name 409, refused name 422. */
export function tagErrors(name: string, newName?: string) {
  return (error: unknown): unknown => {
    if (!(error instanceof AppError)) return error;
    if (error.code === 'not_found') return new AppError('not_found', `There is no tag “${name}” (it may have been renamed or deleted): reload the tags.`, withStatus(error));
    if (error.code === 'conflict') return new AppError('conflict', `A tag named “${newName ?? name}” already exists: pick another name.`, withStatus(error));
    if (error.code === 'validation' && error.status === 422) {
      const words = serverWords(error);
      return new AppError('validation', `The API refused the tag name “${newName ?? name}”${words ? `: ${words}` : '.'}`, { ...withStatus(error), ...(error.issues ? { issues: error.issues } : {}) });
    }
    return reachable(error);
  };
}
