/** `gongkai search rebuild [--agency CODE]` (every dialect): counts, the agency option, bad arguments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import { buildPublication } from '../publications/publications.fixtures.js';
import { searchCommand } from './cli-command.js';

for (const dialect of dialects) {
  describe(`gongkai search rebuild [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
      await buildPublication.published(t, { title: '关于开展社会救助专项治理的通知' });
      await buildPublication.published(t, { title: '关于做好冬春救助工作的通知' });
    });
    afterAll(async () => t?.close());

    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await searchCommand(args, (fn) => fn(t.services.db), {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };

    it('rebuilds every live item and prints the count and time', async () => {
      await t.services.db.deleteFrom('search_items').execute();
      const r = await run(['rebuild']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^search index rebuilt: 2 live items indexed \(2 examined\) in \d+\.\d s$/);
      expect(await t.services.db.selectFrom('search_items').select('publication_id').execute()).toHaveLength(
        2,
      );
    });

    it('rebuilds one agency, and refuses an unknown code or bad arguments', async () => {
      expect((await run(['rebuild', '--agency', '11510100DEMO00002X'])).out).toContain(
        '2 live items indexed',
      );
      expect((await run(['rebuild', '--agency=11510100DEMO00003X'])).out).toContain('0 live items indexed');
      const unknown = await run(['rebuild', '--agency', 'NOPE']);
      expect([unknown.code, unknown.err]).toEqual([1, 'gongkai: no agency has the code "NOPE"']);
      expect((await run(['rebuild', '--agency'])).code).toBe(2);
      expect((await run(['rebuild', '--all'])).code).toBe(2);
      expect((await run(['reindex'])).err).toContain('unknown search command "reindex"');
    });
  });
}
