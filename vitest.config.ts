/**
 * Test configuration. Run the suite with `npm test` (scripts/test.mjs): it runs vitest under TZ=UTC and again
 * under TZ=Asia/Shanghai, and says which tiers (PostgreSQL, browser) were skipped. See test/tiers.ts.
 */
import { defineConfig } from 'vitest/config';

// Legal dates must not depend on the machine's zone: a bare `npx vitest` behaves like the first npm test run.
process.env.TZ ??= 'UTC';

export default defineConfig({
  // Same JSX settings as tsconfig.json (react-jsx + preact), stated here so the transform cannot drift.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    pool: 'forks',
    // Checks that switched-on tiers have their service, prepares the PostgreSQL template database.
    globalSetup: ['test/tiers.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    teardownTimeout: 30_000,
  },
});
