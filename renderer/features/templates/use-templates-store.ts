import { api } from '../../ipc/client';
import { createTemplatesStore } from './templates-store';

// The Templates area's store instance, bound to the real API (tests build their own with a fake Api).
export const useTemplatesStore = createTemplatesStore(api);
