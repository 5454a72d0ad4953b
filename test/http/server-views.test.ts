/**
 * The running server flushes the view counter on its timer and when it stops (src/server.ts):
 * a beacon sent to a listening server reaches page_views within FLUSH_EVERY_MS, without the test
 * flushing anything itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { FLUSH_EVERY_MS } from '../../src/modules/portal/views-counter.js';
import { buildPublication } from '../../src/modules/publications/publications.fixtures.js';
import { type Started, startServer } from '../../src/server.js';

let dir: string;
let server: Started;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gk-views-'));
  const config = loadConfig(
    { DATA_DIR: dir, HOST: '127.0.0.1', PORT: String(41000 + (process.pid % 2000)), LOG_LEVEL: 'silent' },
    'test',
  );
  server = await startServer(config, { demo: true });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('writes beacons to page_views on the server’s timer', async () => {
  const services = server.app.services;
  const agencies = Object.fromEntries(
    (await services.db.selectFrom('agencies').select(['id', 'name']).execute()).map((r) => [r.name, r.id]),
  );
  const item = await buildPublication.published({ services, agencies });
  const res = await fetch(`${server.url}/api/v1/views`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: item.id }),
  });
  expect(res.status).toBe(204);
  const counted = async () =>
    (
      await services.db
        .selectFrom('page_views')
        .select('count')
        .where('publication_id', '=', item.id)
        .execute()
    ).map((r) => Number(r.count));
  const started = Date.now();
  while ((await counted()).length === 0 && Date.now() - started < FLUSH_EVERY_MS * 2)
    await new Promise((r) => setTimeout(r, 200));
  expect(await counted()).toEqual([1]);
}, 30_000);
