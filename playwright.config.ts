import { defineConfig } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from './packages/app/e2e-tests/adminToken';

/**
 * Browser tests against the real app (:3000) and backend (:7007), in the
 * Chromium given by COSTWISE_CHROMIUM (scripts/test.js finds it), headless.
 */
const chromium = process.env.COSTWISE_CHROMIUM;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: [
    {
      command: 'node ../../scripts/run.js exec backstage-cli package start',
      cwd: 'packages/backend',
      // a FinOps admin service for the browser tests: a static token only
      // they know, listed in finops.admin.services for this run alone
      env: {
        ...(process.env as Record<string, string>),
        APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
          {
            type: 'static',
            options: { token: E2E_ADMIN_TOKEN, subject: 'costwise-e2e' },
          },
        ]),
        APP_CONFIG_finops_admin_services: JSON.stringify(['costwise-e2e']),
      },
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node ../../scripts/run.js exec backstage-cli package start',
      cwd: 'packages/app',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
