import { api } from '../../ipc/client';
import { useTemplatesStore } from '../templates/use-templates-store';
import { createDraftsStore } from './drafts-store';

// The Drafts tab's store bound to the real API (tests build their own with a fake Api). It holds
// secret names only: values go to main on "Keep" and never come back. A publish reloads the
// Templates area's lists, which otherwise load once per profile.
export const useDraftsStore = createDraftsStore(api, {
  onPublished: () => {
    const templates = useTemplatesStore.getState();
    void templates.loadSources();
    void templates.loadConnections();
  },
});
