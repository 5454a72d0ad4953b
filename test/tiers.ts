/**
 * The three test tiers and the switches that turn them on (see scripts/test.mjs):
 *   - unit and SQLite: always.
 *   - PostgreSQL: TEST_DATABASE_URL=postgres://… — every data-layer test then runs once per dialect (test/db.ts).
 *   - browser: TEST_BROWSER=1 — Chromium at CHROMIUM_PATH (default /usr/bin/chromium); files in test/e2e/.
 *
 * A tier switched on whose service is missing fails the whole run in `setup` below (vitest's
 * globalSetup); it never skips silently. This file is also the globalSetup module.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { describe } from 'vitest';
import type { TestProject } from 'vitest/node';
import type { PgTemplate } from './db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Names this run's PostgreSQL databases (gk_tpl_<runId>, gk_t_<runId>_…). */
    gkRunId: string;
    /** The migrated database that freshDb('postgres') copies; null when the PostgreSQL tier is off. */
    gkPgTemplate: PgTemplate | null;
  }
}

export const postgresUrl: string | null = process.env.TEST_DATABASE_URL || null;
export const browserEnabled: boolean = parseSwitch('TEST_BROWSER', process.env.TEST_BROWSER);
export const chromiumPath: string = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** `describeBrowser('journey', () => …)`: skipped unless TEST_BROWSER=1. */
export const describeBrowser = describe.skipIf(!browserEnabled);
/** For the rare PostgreSQL-only test; data-layer tests use describeEachDialect instead. */
export const describePostgres = describe.skipIf(!postgresUrl);

function parseSwitch(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0') return false;
  if (value === '1') return true;
  throw new Error(`${name} must be 1 (on) or 0/unset (off), got ${JSON.stringify(value)}`);
}

/** vitest globalSetup: prove each switched-on tier's service exists, and prepare the PostgreSQL template. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (browserEnabled && !existsSync(chromiumPath))
    throw tierFailure(
      `Browser tier is switched on (TEST_BROWSER=1) but there is no Chromium at ${chromiumPath}. ` +
        'Install it (Debian: apt-get install chromium fonts-noto-cjk), set CHROMIUM_PATH, or unset TEST_BROWSER.',
    );

  const runId = `${process.pid.toString(36)}${randomBytes(2).toString('hex')}`;
  project.provide('gkRunId', runId);
  project.provide('gkPgTemplate', null);
  if (!postgresUrl) return async () => {};

  // Loaded here, not at the top: test/db.ts imports this file.
  const { createPostgresTemplate, dropRunDatabases, redactUrl } = await import('./db.js');
  try {
    project.provide('gkPgTemplate', await createPostgresTemplate(postgresUrl, runId));
  } catch (err) {
    await dropRunDatabases(postgresUrl, runId).catch(() => {});
    throw tierFailure(
      `PostgreSQL tier is switched on (TEST_DATABASE_URL=${redactUrl(postgresUrl)}) but preparing it failed: ` +
        `${(err as Error).message}. Start PostgreSQL, fix the URL, or unset TEST_DATABASE_URL.`,
      err,
    );
  }
  return async () => {
    await dropRunDatabases(postgresUrl, runId);
  };
}

/** The error that fails the run; also noted for scripts/test.mjs, which repeats it in its closing banner. */
function tierFailure(message: string, cause?: unknown): Error {
  if (process.env.GK_TIER_FAILURES) appendFileSync(process.env.GK_TIER_FAILURES, `${message}\n`);
  return new Error(message, { cause });
}
