import { appChannels } from './app';
import { catalogChannels } from './catalog';
import { credentialChannels, profileChannels } from './profiles';
import { queryChannels } from './queries';
import { requestChannels } from './requests';
import { streamChannels } from './streams';
import { widgetChannels } from './widget';
import { templateChannels } from './templates';
import { draftChannels } from './drafts';
import { workspaceChannels } from './workspaces';

/**
 * The whole IPC surface, namespace by namespace. Main binds a handler to each entry, the preload
 * exposes each entry on `window.api`, and the renderer calls them through the typed client.
 */
export const contract = {
  app: appChannels,
  profiles: profileChannels,
  credentials: credentialChannels,
  requests: requestChannels,
  workspaces: workspaceChannels,
  catalog: catalogChannels,
  queries: queryChannels,
  streams: streamChannels,
  widget: widgetChannels,
  templates: templateChannels,
  drafts: draftChannels,
} as const;

export type Contract = typeof contract;
