import { createCatalogStore } from '../features/catalog/catalog-store';
import { createDetailStore } from '../features/workspaces/detail-store';
import { createInspectorStore } from '../features/inspector/inspector-store';
import { createProfilesStore } from '../features/profiles/profiles-store';
import { createStreamsStore } from '../features/streams/streams-store';
import { createWidgetStore } from '../features/widget/widget-store';
import { createWorkspacesStore } from '../features/workspaces/workspaces-store';
import { api } from '../ipc/client';
import { createAppStore } from './app-store';

// The app's store instances, one slice per feature, bound to the real API. Tests build their own
// with a fake Api. No store ever holds a credential or a token: the API never hands one out.
export const useAppStore = createAppStore(api);
export const useWorkspacesStore = createWorkspacesStore(api);
export const useDetailStore = createDetailStore(api);
export const useProfilesStore = createProfilesStore(api);
export const useInspectorStore = createInspectorStore(api);
// The catalog worker (and lib/jmespath inside it) loads with the first catalog, not with the app.
export const useCatalogStore = createCatalogStore(api, {
  createWorker: () => import('../features/catalog/worker/spawn').then((m) => m.createCatalogWorker()),
});
// The Stream editor loads the cached catalog into a catalog worker of its own (the Catalog area disposes its one).
export const useStreamsStore = createStreamsStore(api, {
  createWorker: () =>
    Promise.all([import('../features/catalog/worker/spawn'), import('../features/streams/stream-worker')]).then(([spawn, client]) => client.createStreamWorkerClient(spawn.spawnCatalogWorker)),
});
// The widget preview's facts and redacted event log (main holds every token).
export const useWidgetStore = createWidgetStore(api);
