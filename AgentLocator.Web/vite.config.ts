import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The AppHost passes the API's address the way Aspire would; the default matches the API's launch profile.
const apiTarget = process.env.services__api__http__0 ?? 'http://127.0.0.1:5080';
// The AppHost may assign the dev server a port; without one, use Vite's usual port.
const devPort = process.env.PORT ? Number(process.env.PORT) : 5173;

const proxyToApi = { target: apiTarget, changeOrigin: true };

export default defineConfig({
  // The API serves dist/ from the site root with an SPA fallback, so asset URLs must be absolute.
  base: '/',
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: devPort,
    strictPort: Boolean(process.env.PORT),
    proxy: {
      '/api': proxyToApi,
      '/ws': { ...proxyToApi, ws: true },
      '/webhook': proxyToApi,
      '/media': proxyToApi,
      // The Orleans dashboard's access cookie is set on this origin, so the dashboard must be reached through it too.
      '/dashboard': proxyToApi,
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
