// Where the web app finds the API and its SignalR hub. Build-time configuration (Vite env), not constants, so one
// deployment can serve the app from nginx and the API elsewhere: VITE_API_BASE_URL (empty: the app's own origin, the
// usual nginx setup where /api and /ws are proxied) and VITE_HUB_PATH (default /ws).

export interface Endpoints {
  /** Prefixed to every API path; '' for the app's own origin. Never ends with '/'. */
  apiBaseUrl: string;
  /** The SignalR hub's path on the API. */
  hubPath: string;
  /** Whether the API is on another origin, so cookies must be sent cross-origin (the API's CORS_ORIGINS allows it). */
  crossOrigin: boolean;
}

export interface EndpointSettings {
  VITE_API_BASE_URL?: string;
  VITE_HUB_PATH?: string;
}

export const DEFAULT_HUB_PATH = '/ws';

export function resolveEndpoints(settings: EndpointSettings): Endpoints {
  const apiBaseUrl = (settings.VITE_API_BASE_URL ?? '').trim().replace(/\/+$/, '');
  const hub = (settings.VITE_HUB_PATH ?? '').trim() || DEFAULT_HUB_PATH;
  return {
    apiBaseUrl,
    hubPath: hub.startsWith('/') ? hub : `/${hub}`,
    crossOrigin: apiBaseUrl !== '',
  };
}

export const endpoints: Endpoints = resolveEndpoints(import.meta.env);

/** The URL for an API path such as '/api/me'. */
export const apiUrl = (path: string, from: Endpoints = endpoints) => from.apiBaseUrl + path;

/** The SignalR hub's URL. */
export const hubUrl = (from: Endpoints = endpoints) => from.apiBaseUrl + from.hubPath;
