/** Platform pages and API furniture: health, OpenAPI, errors, headers, the homes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

for (const dialect of dialects) {
  describe(`platform [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    it('reports health with the database engine', async () => {
      const res = await t.app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', database: dialect });
    });

    it('describes the API in an OpenAPI document', async () => {
      const res = await t.app.inject({ url: '/api/docs' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      for (const path of [
        '/api/v1/agencies',
        '/api/v1/users',
        '/api/v1/session',
        '/api/v1/audit-events',
        '/healthz',
      ])
        expect(Object.keys(doc.paths)).toContain(path);
      expect(Object.keys(doc.paths).some((p) => p.startsWith('/admin'))).toBe(false);
    });

    it('answers unknown pages with a helpful 404 in the layout, and unknown API paths with JSON', async () => {
      const page = await t.app.inject({ url: '/no/such/page' });
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('页面不存在');
      expect(page.body).toContain('跳转到主要内容');
      const api = await t.app.inject({ url: '/api/v1/nothing' });
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not_found');
    });

    it('answers bad JSON with a Chinese validation error, never a 500', async () => {
      const c = await t.login('admin');
      const res = await c.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        headers: { 'content-type': 'application/json' },
        payload: '{"code": ',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/格式不正确/);
      const wrongType = await c.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        payload: { code: 12, name: [], kind: 'planet', level: 'city' },
      });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().error.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['kind']),
      );
    });

    it('sends security headers and keeps signed-in pages out of shared caches', async () => {
      const c = await t.login('mz.editor');
      const res = await c.inject({ url: '/admin' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('工作台');
      expect(res.headers['cache-control']).toContain('no-store');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('sends anonymous visitors to sign in, then back', async () => {
      const res = await t.app.inject({ url: '/admin/audit' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?next=%2Fadmin%2Faudit');
      const api = await t.app.inject({ url: '/api/v1/me' });
      expect(api.statusCode).toBe(401);
    });

    it('shows supervisors the trail of their subtree only', async () => {
      const county = await t.login('county.supervisor');
      const res = await county.inject({ url: '/api/v1/audit-events' });
      expect(res.statusCode).toBe(200);
      const agencyIds = new Set(res.json().items.map((e: { agencyId: string }) => e.agencyId));
      expect(agencyIds.has(t.agencies.清河县民政局!)).toBe(true);
      expect(agencyIds.has(t.agencies.示例市民政局!)).toBe(false);
      const editor = await t.login('mz.editor');
      expect((await editor.inject({ url: '/api/v1/audit-events' })).statusCode).toBe(403);
      const page = await (await t.login('city.supervisor')).inject({ url: '/admin/audit' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('清河县民政局');
    });
  });
}
