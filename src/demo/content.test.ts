/** The demo's published items: imported once through the archive import, public, searchable, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { dialects } from '../../test/db.js';
import { seedDemoContent } from './content.js';

for (const dialect of dialects) {
  describe(`demo content [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    it('publishes the demo items once; they show in the portal, its search and 失效文件', async () => {
      t.clock.set('2026-12-07T10:00:00+08:00'); // the demo's dates run to November 2026
      expect(await seedDemoContent(t.services)).toBe(9);
      expect(await seedDemoContent(t.services)).toBe(0);
      const rows = await t.services.db
        .selectFrom('publications as p')
        .innerJoin('agencies as a', 'a.id', 'p.agency_id')
        .select(['p.id', 'p.title', 'p.state', 'a.code'])
        .execute();
      expect(rows).toHaveLength(9);
      expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['published']));
      const policy = rows.find((r) => r.title === '示例市最低生活保障审核确认办法')!;
      const page = await t.app.inject({ method: 'GET', url: `/gk/${policy.code}/items/${policy.id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('示民规〔2025〕1号');
      const search = await t.app.inject({
        method: 'GET',
        url: `/search?q=${encodeURIComponent('最低生活保障')}`,
      });
      expect(search.statusCode).toBe(200);
      expect(search.body).toContain(`/items/${policy.id}"`);
      const invalid = await t.app.inject({ method: 'GET', url: `/gk/${policy.code}/invalid` });
      expect(invalid.body).toContain('示例市临时救助实施细则（2019年）');
    });
  });
}
