import { missingField, unauthorized, unprocessable, type RequestFacts, type RouteParams } from './http';
import { REGION_IDS, UUID_RE } from './ids';
import { TYP_OPERATOR, TYP_SCOPED } from './jwt';
import type { Workspace } from './state';
import type { SandboxStore } from './store';

export type Principal = { kind: 'operator' } | { kind: 'scoped'; workspace: Workspace };

/** What a handler gets: the request, its params, the store, and helpers that throw the contract's errors. */
export class SandboxContext {
  constructor(
    readonly facts: RequestFacts,
    readonly params: RouteParams,
    readonly store: SandboxStore,
    /** `http://<host the client used>`: the base of `next` links, widget URLs and `iss`. */
    readonly baseUrl: string,
  ) {}

  /** The JSON body, or FastAPI's 422 for a missing or non-JSON body. */
  json(): unknown {
    const raw = this.facts.rawBody;
    if (raw === undefined || raw.trim() === '') throw missingField(['body']);
    try {
      return JSON.parse(raw);
    } catch (error) {
      throw unprocessable([{ loc: ['body', 0], msg: `JSON decode error: ${(error as Error).message}`, type: 'value_error.jsondecode' }]);
    }
  }

  /** A path UUID, or 422 (contract §1: unparsable path UUID). */
  uuid(name: string): string {
    const value = this.params[name] ?? '';
    if (!UUID_RE.test(value)) throw unprocessable([{ loc: ['path', name], msg: 'value is not a valid uuid', type: 'type_error.uuid' }]);
    return value.toLowerCase();
  }

  /** The bearer's principal when its type is allowed here; else 401 (wrong type included). */
  auth(allowed: ReadonlyArray<Principal['kind']>): Principal {
    const header = this.facts.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw unauthorized();
    const claims = this.store.signer.verify(match[1], this.store.clock.nowSeconds());
    if (!claims) throw unauthorized();
    if (claims.typ === TYP_OPERATOR && allowed.includes('operator')) return { kind: 'operator' };
    if (claims.typ === TYP_SCOPED && allowed.includes('scoped')) {
      const scope = claims['io.airbyte.auth.workspace_scope'] as { workspaceId?: string } | undefined;
      const workspace = scope?.workspaceId ? this.store.liveWorkspace(scope.workspaceId) : undefined;
      // A token for a deleted workspace authenticates nothing.
      if (!workspace) throw unauthorized();
      return { kind: 'scoped', workspace };
    }
    throw unauthorized();
  }

  operator(): void {
    this.auth(['operator']);
  }

  scoped(): Workspace {
    const principal = this.auth(['scoped']);
    if (principal.kind !== 'scoped') throw unauthorized();
    return principal.workspace;
  }
}

export function regionOr422(value: unknown, loc: Array<string | number>): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && (REGION_IDS as readonly string[]).includes(value.toLowerCase())) return value.toLowerCase();
  throw unprocessable([{ loc, msg: `unknown region_id; expected one of ${REGION_IDS.join(', ')}`, type: 'value_error' }]);
}
