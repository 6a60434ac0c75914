import type { Reply } from '../http';
import { originProblem } from '../origin';
import type { RouteTable } from '../routing';
import css from '../widget/widget.css?raw';
import html from '../widget/widget.html?raw';
import script from '../widget/widget.js?raw';

function asset(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Reply {
  return {
    status: 200,
    raw: Buffer.from(body),
    contentType,
    headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extraHeaders },
  };
}

/** GET /quick-start/widget and its same-origin assets (contract §10.6). */
export function registerWidgetRoutes(routes: RouteTable, extraFrameAncestors: () => readonly string[] = () => []): void {
  routes
    .add('GET', '/quick-start/widget', (ctx) => {
      const origin = ctx.facts.query.get('allowedOrigin') ?? '';
      // Only the minted origin may frame the page; everything else stays same-origin. frame-ancestors
      // is checked against every ancestor, not only the parent, so a console that runs this sandbox
      // in-process names the pages of its own that show its preview host (app://console, the browser
      // shell's origin). Messages still go only to the parent at the allowed origin.
      const ancestors = origin && originProblem(origin) === null ? [origin, ...extraFrameAncestors()].join(' ') : "'none'";
      return asset(html, 'text/html; charset=utf-8', {
        'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors ${ancestors}`,
      });
    })
    .add('GET', '/quick-start/widget.js', () => asset(script, 'text/javascript; charset=utf-8'))
    .add('GET', '/quick-start/widget.css', () => asset(css, 'text/css; charset=utf-8'));
}
