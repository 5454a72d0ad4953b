/** Starts the platform: connect, (migrate), build the app, listen, shut down gracefully. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { migrateToLatest, pendingMigrations } from './db/migrate.js';
import { seedDemoContent } from './demo/content.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo/seed.js';
import { runApplicationJobs } from './modules/applications/commands/jobs.js';
import { RenderOnWrite } from './modules/portal/page-cache/prerender.js';
import { viewCounterOf } from './modules/portal/routes/site.routes.js';
import { FLUSH_EVERY_MS } from './modules/portal/views-counter.js';
import { publishDue } from './modules/publications/commands/publish-due.js';
import { warmUpSegmenter } from './modules/search/segment.js';
import { writeCheckpoints } from './platform/audit/checkpoint.js';
import { createServices } from './services.js';

const CHECKPOINT_EVERY_MS = 10 * 60_000;
/** How often scheduled publications are checked for being due. */
const PUBLISH_DUE_EVERY_MS = 60_000;
/** How often applications' clocks are refreshed and overdue 补正/缴费 closed (on the day after the deadline). */
const APPLICATION_JOBS_EVERY_MS = 60 * 60_000;
/** How often the pages of items changed meanwhile are rendered into the page store (ADR 0014). */
const RENDER_ON_WRITE_EVERY_MS = 30_000;

export interface Started {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, opts: { demo: boolean }): Promise<Started> {
  const t0 = performance.now();
  let app: FastifyInstance | null = null;
  const { services, handle } = createServices(config, {
    onPoolError: (err) =>
      app?.log.warn({ code: (err as { code?: string }).code }, 'database connection lost'),
  });
  try {
    if (opts.demo) {
      await migrateToLatest(handle.db);
      if (await seedDemo(services)) await seedDemoContent(services);
    } else {
      const pending = await pendingMigrations(handle.db);
      if (pending.length > 0)
        throw new Error(
          `the database schema is not up to date (${pending.length} pending migrations): run \`npx gongkai migrate\` first`,
        );
    }
    app = await buildApp(services);
    await app.listen({ host: config.host, port: config.port });
    // Load the segmentation dictionary (~250 ms) now rather than in the first search or publication.
    setImmediate(warmUpSegmenter);
    const port = (app.server.address() as { port: number }).port;
    const url = `http://localhost:${port}`;
    const ms = Math.round(performance.now() - t0);
    const checkpoint = () =>
      writeCheckpoints(handle.db, {
        auditKey: config.auditKey,
        checkpointFile: config.auditCheckpointFile,
        clock: services.clock,
      }).catch((err) => app?.log.error({ err }, 'audit checkpoint failed'));
    const timer = setInterval(checkpoint, CHECKPOINT_EVERY_MS);
    timer.unref();
    const publishTimer = setInterval(() => {
      publishDue(services, services.clock.now()).catch((err) =>
        app?.log.error({ err }, 'scheduled publication failed'),
      );
    }, PUBLISH_DUE_EVERY_MS);
    publishTimer.unref();
    const applicationJobs = () =>
      runApplicationJobs(services, services.clock.now()).catch((err) =>
        app?.log.error({ err }, 'application deadline jobs failed'),
      );
    const applicationTimer = setInterval(applicationJobs, APPLICATION_JOBS_EVERY_MS);
    applicationTimer.unref();
    const applicationFirstRun = setTimeout(applicationJobs, 5_000);
    applicationFirstRun.unref();
    // View counts: the beacons' buffer goes to page_views every few seconds (and when the app closes).
    const viewsTimer = setInterval(() => {
      viewCounterOf(services)
        ?.flush(handle.db)
        .catch((err) => app?.log.warn({ err }, 'view counts not written yet'));
    }, FLUSH_EVERY_MS);
    viewsTimer.unref();
    const renderOnWrite = new RenderOnWrite(app);
    const renderPages = () =>
      renderOnWrite.run().catch((err) => app?.log.warn({ err }, 'item pages not rendered ahead yet'));
    void renderPages(); // notes where the change log stands
    const renderTimer = setInterval(renderPages, RENDER_ON_WRITE_EVERY_MS);
    renderTimer.unref();
    console.log(`gongkai 已启动：${url}  （数据库：${handle.dialect}，启动用时 ${ms} ms）`);
    if (opts.demo) {
      console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
      for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(18)} ${u.displayName}`);
    }
    const started = app;
    return {
      app: started,
      url,
      stop: async () => {
        clearInterval(timer);
        clearInterval(publishTimer);
        clearInterval(applicationTimer);
        clearTimeout(applicationFirstRun);
        clearInterval(viewsTimer);
        clearInterval(renderTimer);
        await started.close();
        await checkpoint();
        await handle.close();
      },
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await handle.close().catch(() => {});
    throw err;
  }
}
