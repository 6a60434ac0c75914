import type { SandboxContext } from '../context';
import { CONNECTORS, DESTINATIONS } from '../connectors';
import { ok } from '../http';
import type { RouteTable } from '../routing';

function sources(ctx: SandboxContext) {
  ctx.operator();
  const name = ctx.facts.query.get('name')?.toLowerCase() ?? '';
  const definitions = CONNECTORS.filter((c) => c.name.toLowerCase().includes(name)).map((c) => ({
    sourceDefinitionId: c.definitionId,
    name: c.name,
    dockerRepository: c.dockerRepository,
    iconUrl: null,
    custom: false,
    supportLevel: c.supportLevel,
  }));
  return ok({ definitions });
}

export function registerDefinitionRoutes(routes: RouteTable): void {
  routes.add('GET', '/api/v1/integrations/definitions/sources', sources).add('GET', '/api/v1/integrations/definitions/destinations', (ctx) => {
    ctx.operator();
    return ok({ destinations: DESTINATIONS });
  });
}
