import type http from 'node:http';
import { SandboxContext } from './context';
import { FaultTable, type FaultRule } from './faults';
import { detail, HttpError, type Reply, type RequestFacts } from './http';
import { RouteTable } from './routing';
import { registerConnectionTemplateRoutes } from './routes/connection-templates';
import { registerControlRoutes } from './routes/controls';
import { registerDefinitionRoutes } from './routes/definitions';
import { registerSourceTemplateRoutes } from './routes/source-templates';
import { registerSourceRoutes } from './routes/sources';
import { registerTagRoutes } from './routes/tag-registry';
import { registerTokenRoutes } from './routes/tokens';
import { registerWidgetRoutes } from './routes/widget-page';
import { registerWorkspaceRoutes } from './routes/workspaces';
import type { SandboxStore } from './store';

const MAX_BODY = 8 * 1024 * 1024;

export interface SandboxAppOptions {
  store: SandboxStore;
  /** Test controls under /__sandbox/ (faults, clock, reset); off unless asked for. */
  controls: boolean;
  /** Further pages allowed above the widget's framer (the in-process console's own origins). */
  widgetFrameAncestors?: () => readonly string[];
}

function reasonBody(status: number): unknown {
  if (status === 429) return { detail: 'Too Many Requests' };
  if (status === 504) return { detail: 'Gateway Timeout' };
  if (status === 503) return { detail: 'Service Unavailable' };
  if (status === 502) return { detail: 'Bad Gateway' };
  return { detail: 'Internal Server Error' };
}

function write(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  const body = reply.raw ?? Buffer.from(JSON.stringify(reply.body ?? null));
  headers['Content-Type'] = reply.contentType ?? 'application/json';
  headers['Content-Length'] = body.length;
  res.writeHead(reply.status, headers).end(body);
}

/** Builds the request listener: faults first, then routing, auth and handlers, then the reply. */
export function createSandboxApp({ store, controls, widgetFrameAncestors }: SandboxAppOptions) {
  const faults = new FaultTable();
  const routes = new RouteTable();
  registerTokenRoutes(routes);
  registerWorkspaceRoutes(routes);
  registerSourceRoutes(routes);
  registerSourceTemplateRoutes(routes);
  registerConnectionTemplateRoutes(routes);
  registerTagRoutes(routes);
  registerDefinitionRoutes(routes);
  registerWidgetRoutes(routes, widgetFrameAncestors);
  if (controls) registerControlRoutes(routes, faults);

  const injectFault = async (fault: FaultRule, res: http.ServerResponse, produce: () => Promise<Reply>): Promise<boolean> => {
    switch (fault.kind) {
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 1000));
        return false;
      case 'reset':
        res.socket?.destroy();
        return true;
      case 'truncate': {
        const reply = await produce();
        const body = reply.raw ?? Buffer.from(JSON.stringify(reply.body ?? null));
        res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', 'Content-Length': body.length });
        res.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))), () => res.socket?.destroy());
        return true;
      }
      case 'status': {
        const status = fault.status ?? 500;
        const headers: Record<string, string> = {};
        if (fault.retry_after_s !== undefined) {
          headers['Retry-After'] = fault.retry_after_date
            ? new Date(Date.now() + fault.retry_after_s * 1000).toUTCString()
            : String(fault.retry_after_s);
        }
        const body =
          fault.body !== undefined
            ? fault.body
            : fault.body_style === 'envelope'
              ? { message: (reasonBody(status) as { detail: string }).detail, errors: [{ field: 'request', message: 'Injected by the sandbox', error_code: `HTTP_${status}`, details: null }] }
              : reasonBody(status);
        write(res, { status, body, headers });
        return true;
      }
    }
  };

  return async (req: http.IncomingMessage, res: http.ServerResponse, body: string | undefined, baseUrl: string): Promise<void> => {
    const url = new URL(req.url ?? '/', baseUrl);
    const facts: RequestFacts = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, rawBody: body };

    const produce = async (): Promise<Reply> => {
      try {
        const match = routes.match(facts);
        if (match === null) throw detail(404, 'Not Found');
        if (match === 'method') throw detail(405, 'Method Not Allowed');
        return await match.handler(new SandboxContext(facts, match.params, store, baseUrl));
      } catch (error) {
        if (error instanceof HttpError) return { status: error.status, body: error.body, headers: error.headers };
        console.error('[sandbox] unexpected error', error);
        return { status: 500, body: { detail: 'Internal Server Error' } };
      }
    };

    const fault = facts.path.startsWith('/__sandbox/') ? null : faults.take(facts.method, facts.path);
    if (fault && (await injectFault(fault, res, produce))) return;
    write(res, await produce());
  };
}

export { MAX_BODY };
