import type { Api } from '../preload/contract';

declare global {
  interface Window {
    /** Present in the desktop shell (set by the preload); absent in the browser shell. */
    readonly api?: Api;
  }
}

export {};
