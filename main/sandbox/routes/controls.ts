import { z } from 'zod';
import type { SandboxContext } from '../context';
import { faultSchema, type FaultTable } from '../faults';
import { ok } from '../http';
import type { RouteTable } from '../routing';
import { parseOr422 } from '../validation';

/**
 * Test controls (sandbox extension, not part of the real API). Registered only when the sandbox is
 * started with controls enabled; otherwise these paths are ordinary 404s.
 */
export function registerControlRoutes(routes: RouteTable, faults: FaultTable): void {
  routes
    .add('POST', '/__sandbox/faults', (ctx: SandboxContext) => {
      const rule = parseOr422(faultSchema, ctx.json(), ['body']);
      faults.add(rule);
      return ok({ active: faults.size });
    })
    .add('DELETE', '/__sandbox/faults', () => {
      faults.clear();
      return ok({ active: 0 });
    })
    .add('POST', '/__sandbox/clock', (ctx) => {
      const { advance_s } = parseOr422(z.object({ advance_s: z.number().min(0) }), ctx.json(), ['body']);
      ctx.store.clock.advance(advance_s);
      return ok({ now: ctx.store.clock.iso() });
    })
    .add('POST', '/__sandbox/reset', (ctx) => {
      ctx.store.reset();
      faults.clear();
      return ok({ seed: ctx.store.state.seed, workspaces: ctx.store.liveWorkspaces().length });
    });
}
