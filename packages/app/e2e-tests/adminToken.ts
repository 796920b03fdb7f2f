/**
 * The static token of the FinOps admin service the browser tests use (the
 * backend they start accepts it for that run only; see playwright.config.ts).
 */
export const E2E_ADMIN_TOKEN = 'costwise-browser-tests-admin-6f1d2c9a4b7e';
