/** Test helper: a second app on the same database, standing for another server process (own caches, own site settings). */
import type { FastifyInstance } from 'fastify';
import type { TestApp } from '../../../../test/app.js';
import { buildApp } from '../../../app.js';
import { createServices } from '../../../services.js';

export async function secondInstance(t: TestApp): Promise<FastifyInstance> {
  const db = new Proxy(t.handle.db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const { services } = createServices(
    { ...t.services.config },
    { handle: { ...t.handle, db, close: async () => {} }, clock: t.clock },
  );
  const app = await buildApp(services);
  await app.ready();
  return app;
}
