import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

for (const dialect of dialects) {
  describe(`platform smoke [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t.close());

    it('serves the public home with the demo governments', async () => {
      const res = await t.app.inject({ url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('示例市人民政府');
    });

    it('signs in through the API and reads /me', async () => {
      const c = await t.login('mz.editor');
      const me = await c.inject({ url: '/api/v1/me' });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: 'mz.editor', roles: ['editor'] });
    });
  });
}
