import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

// The cluster suite (scripts/cluster-test.sh): nginx in front of two API instances, started by that script, which
// exports CLUSTER_URL and the rest (see e2e-cluster/cluster.ts). Same browser settings as the main suite, no web servers.
export default defineConfig({
  ...baseConfig,
  testDir: './e2e-cluster',
  outputDir: './test-results/cluster',
  timeout: 120_000,
  webServer: undefined,
  use: { ...baseConfig.use, baseURL: process.env.CLUSTER_URL },
  // The operator's walk first, while both instances are up; cluster.spec.ts ends by killing one.
  projects: [
    { name: 'operator walk', testMatch: /operator-walk\.spec\.ts$/, use: { browserName: 'chromium' } },
    { name: 'cluster', testMatch: /\/cluster\.spec\.ts$/, use: { browserName: 'chromium' }, dependencies: ['operator walk'] },
  ],
});
