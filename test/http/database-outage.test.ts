/**
 * A PostgreSQL server that goes away while the platform runs: requests get 503
 * (JSON with a Chinese message, never a stack trace), and the platform serves
 * again as soon as the server is back — no restart. The outage is simulated by
 * a TCP proxy between the pool and the real server, which we cut and restore.
 */
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { createServices } from '../../src/services.js';
import { type DbHandle, dialects, freshDb } from '../db.js';

class TcpProxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}
  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

describe.skipIf(!dialects.includes('postgres'))('database outage [postgres]', () => {
  let base: DbHandle;
  let proxied: DbHandle;
  let proxy: TcpProxy;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    base = await freshDb('postgres');
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(base.db)).rows[0]!.db;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    url.pathname = `/${name}`;
    proxied = connect({ databaseUrl: url.toString(), sqliteFile: ':memory:', onPoolError: () => {} });
    const config = loadConfig({ DATA_DIR: `./data/test-${process.pid}` }, 'test');
    app = await buildApp(createServices(config, { handle: proxied }).services);
  });
  afterAll(async () => {
    await app?.close();
    await proxied?.close().catch(() => {});
    await proxy?.cut();
    await base?.close();
  });

  it('answers 503 while the database is unreachable and recovers when it is back', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/' })).statusCode).toBe(200);

    await proxy.cut();
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(503);
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('暂时不可用');
    expect(page.body).not.toMatch(/at .*\.(js|ts):\d+/); // no stack trace
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'x', password: 'y' },
    });
    expect(api.statusCode).toBe(503);
    expect(api.json().error.code).toBe('service_unavailable');

    await proxy.start();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await app.inject({ url: '/healthz' })).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await app.inject({ url: '/' })).statusCode).toBe(200);
  }, 60_000);
});
