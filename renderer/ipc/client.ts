import { createApi, type Api } from '../../preload/contract';
import { createBrowserInvoke, takeLaunchSecret } from './browser-transport';

function resolveApi(): Api {
  if (window.api) return window.api;
  return createApi(createBrowserInvoke(takeLaunchSecret(window.location, window.history, window.sessionStorage)));
}

/** The renderer's only door to the app: typed methods, Result answers, no channel strings. */
export const api: Api = resolveApi();
