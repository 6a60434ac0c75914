import type { Reply, RequestFacts, RouteParams } from './http';
import type { SandboxContext } from './context';

export type Handler = (ctx: SandboxContext) => Promise<Reply> | Reply;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/** Path patterns like `/api/v1/workspaces/{workspace_id}`; the first registered match wins. */
export class RouteTable {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** A handler with its params, `'method'` when only another method matches, or null. */
  match(facts: Pick<RequestFacts, 'method' | 'path'>): { handler: Handler; params: RouteParams } | 'method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(facts.path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== facts.method) continue;
      const params: RouteParams = {};
      let decodable = true;
      route.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1] ?? '');
        } catch {
          decodable = false;
        }
      });
      if (!decodable) continue;
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : null;
  }
}
