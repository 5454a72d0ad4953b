/**
 * The HTTP test tier: a real app on a fresh, migrated, demo-seeded database,
 * driven through app.inject() with no port. `login()` returns a client that
 * carries the session cookie and CSRF token.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.js';
import { fixedClock } from '../src/platform/clock.js';
import type { Services } from '../src/platform/services.js';
import { createServices } from '../src/services.js';
import { type DbHandle, type Dialect, freshDb } from './db.js';

export interface Client {
  cookie: string;
  csrf: string;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  handle: DbHandle;
  clock: ReturnType<typeof fixedClock>;
  /** Demo agency ids by name, e.g. agencies['示例市民政局']. */
  agencies: Record<string, string>;
  /** Demo user ids by username. */
  users: Record<string, string>;
  login(username: string, password?: string): Promise<Client>;
  /** An anonymous client with a CSRF cookie, for public forms. */
  anonymous(): Promise<Client>;
  close(): Promise<void>;
}

export const TEST_NOW = '2026-03-02T02:00:00.000Z';

function cookiesOf(res: LightMyRequestResponse): string[] {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((c) => String(c).split(';')[0]!);
}

function client(app: FastifyInstance, cookie: string, csrf: string): Client {
  return {
    cookie,
    csrf,
    inject: (opts) => {
      const headers = { ...(opts.headers ?? {}), cookie, 'x-csrf-token': csrf };
      return app.inject({ ...opts, headers } as InjectOptions);
    },
  };
}

export async function testApp(dialect: Dialect, opts: { seed?: boolean } = {}): Promise<TestApp> {
  const handle = await freshDb(dialect);
  const config = loadConfig({ DATA_DIR: `./data/test-${process.pid}` }, 'test');
  const clock = fixedClock(TEST_NOW);
  const { services } = createServices(config, { handle, clock });
  if (opts.seed !== false) await seedDemo(services);
  const app = await buildApp(services);
  await app.ready();
  const agencies = Object.fromEntries(
    (await handle.db.selectFrom('agencies').select(['id', 'name']).execute()).map((r) => [r.name, r.id]),
  );
  const users = Object.fromEntries(
    (await handle.db.selectFrom('users').select(['id', 'username']).execute()).map((r) => [r.username, r.id]),
  );
  return {
    app,
    services,
    handle,
    clock,
    agencies,
    users,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username, password },
      });
      if (res.statusCode !== 201) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = cookiesOf(res).join('; ');
      return client(app, cookie, res.json().csrfToken);
    },
    async anonymous() {
      const res = await app.inject({ method: 'GET', url: '/login' });
      const cookie = cookiesOf(res).join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
      return client(app, cookie, csrf);
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

/** application/x-www-form-urlencoded body from a record (arrays repeat the key), as browsers send forms. */
export function form(values: Record<string, string | string[]>): {
  payload: string;
  headers: Record<string, string>;
} {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return { payload: p.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
