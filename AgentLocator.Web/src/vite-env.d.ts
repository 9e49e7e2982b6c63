/// <reference types="vite/client" />

// The build-time settings the app reads (see src/api/endpoints.ts).
interface ImportMetaEnv {
  readonly VITE_API_BASE_URL?: string;
  readonly VITE_HUB_PATH?: string;
}
