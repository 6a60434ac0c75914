import { api } from '../ipc/client';
import { createAppStore } from './app-store';

/** The app's store instances, bound to the real API. Tests build their own with a fake Api. */
export const useAppStore = createAppStore(api);
