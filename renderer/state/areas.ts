/** The product's areas, in sidebar order. `ready` turns on as each area ships. */
export const AREAS = [
  { id: 'workspaces', label: 'Workspaces', ready: true },
  { id: 'catalog', label: 'Catalog & JMESPath', ready: true },
  { id: 'streams', label: 'Stream editor', ready: true },
  { id: 'templates', label: 'Templates', ready: true },
  { id: 'widget', label: 'Widget preview', ready: true },
  { id: 'about', label: 'About & diagnostics', ready: true },
] as const;

export type AreaId = (typeof AREAS)[number]['id'];

export const FIRST_READY_AREA: AreaId = AREAS.find((area) => area.ready)?.id ?? 'about';
