import { defineConfig } from 'vitest/config';
import { createLogger } from 'vite';
import react from '@vitejs/plugin-react';

// A tab that closes resets its /ws socket: the browser leaving, not a fault. Vite would print a red stack trace for
// each one, so the proxy's resets on a WebSocket are dropped here; every other error is printed as before.
const logger = createLogger();
const logError = logger.error.bind(logger);
logger.error = (message, options) => {
  const code = (options?.error as NodeJS.ErrnoException | null | undefined)?.code;
  if (message.includes('ws proxy') && (code === 'ECONNRESET' || code === 'EPIPE')) return;
  logError(message, options);
};

// The AppHost passes the API's address the way Aspire would; the default matches the API's launch profile.
const apiTarget = process.env.services__api__http__0 ?? 'http://127.0.0.1:5080';
// The AppHost may assign the dev server a port; without one, use Vite's usual port.
const devPort = process.env.PORT ? Number(process.env.PORT) : 5173;

const proxyToApi = { target: apiTarget, changeOrigin: true };

export default defineConfig({
  // The API serves dist/ from the site root with an SPA fallback, so asset URLs must be absolute.
  base: '/',
  customLogger: logger,
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
