/**
 * The intake pages over HTTP (every dialect): the import form, a multipart upload of the sample CSV with a dry
 * run then the import, problems listed with line and column, who may import; the retention setting. The
 * plugin is registered here until routes/applications.routes.ts registers it (then this uses that one).
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../../../test/app.js';
import { dialects, freshDb } from '../../../../test/db.js';
import { buildApp } from '../../../app.js';
import { loadConfig } from '../../../config.js';
import { DEMO_PASSWORD, seedDemo } from '../../../demo/seed.js';
import { fixedClock } from '../../../platform/clock.js';
import type { Services } from '../../../platform/services.js';
import { createServices } from '../../../services.js';
import { multipartForm } from '../../publications/import/import.fixtures.js';
import { MZ } from '../../publications/publications.fixtures.js';
import { applicationsIntakeRoutes } from './intake.routes.js';
import { IMPORT_URL, RETENTION_URL } from './intake.views.js';
import { getRetentionYears } from './retention.js';

const SAMPLE = new URL('../../../../docs/examples/application-import.csv', import.meta.url);

interface Client {
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

for (const dialect of dialects) {
  describe(`intake pages [${dialect}]`, () => {
    let app: FastifyInstance;
    let services: Services;
    let close: () => Promise<void>;
    let mz: string;
    beforeAll(async () => {
      const handle = await freshDb(dialect);
      const config = loadConfig({ DATA_DIR: `./data/test-${process.pid}` }, 'test');
      services = createServices(config, { handle, clock: fixedClock(TEST_NOW) }).services;
      await seedDemo(services);
      app = await buildApp(services);
      if (!app.hasRoute({ method: 'GET', url: IMPORT_URL })) await app.register(applicationsIntakeRoutes);
      await app.ready();
      mz = (
        await handle.db.selectFrom('agencies').select('id').where('name', '=', MZ).executeTakeFirstOrThrow()
      ).id;
      close = async () => {
        await app.close();
        await handle.close();
      };
    });
    afterAll(async () => close?.());

    async function login(username: string): Promise<Client> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 201) throw new Error(`login ${username}: ${res.statusCode}`);
      const raw = res.headers['set-cookie'];
      const cookie = (Array.isArray(raw) ? raw : [raw]).map((c) => String(c).split(';')[0]).join('; ');
      const csrf = res.json().csrfToken as string;
      return {
        inject: (opts) =>
          app.inject({
            ...opts,
            headers: { ...(opts.headers ?? {}), cookie, 'x-csrf-token': csrf },
          } as InjectOptions),
      };
    }

    const upload = (c: Client, bytes: Uint8Array, fields: Record<string, string> = {}) =>
      c.inject({
        method: 'POST',
        url: IMPORT_URL,
        ...multipartForm({ agencyId: mz, ...fields }, { file: { fileName: '原系统申请.csv', bytes } }),
      });

    it('shows the form to the agency admin and office head only', async () => {
      const admin = await login('mz.admin');
      const res = await admin.inject({ url: IMPORT_URL });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('示例市民政局 · 导入原系统的依申请公开申请');
      expect(res.body).toContain('enctype="multipart/form-data"');
      expect(res.body).toContain('原申请编号（必填）');
      expect((await (await login('mz.office')).inject({ url: IMPORT_URL })).statusCode).toBe(200);
      expect((await (await login('mz.handler')).inject({ url: IMPORT_URL })).statusCode).toBe(403);
      const other = await (await login('qh.editor')).inject({ url: `${IMPORT_URL}?agencyId=${mz}` });
      expect(other.statusCode).toBe(404);
      const anonymous = await app.inject({ url: IMPORT_URL });
      expect([anonymous.statusCode, anonymous.headers.location]).toEqual([
        303,
        `/login?next=${encodeURIComponent(IMPORT_URL)}`,
      ]);
    });

    it('dry run, then the import; problems by line and column; the file is required', async () => {
      const admin = await login('mz.admin');
      const bytes = new Uint8Array(readFileSync(SAMPLE));
      const dry = await upload(admin, bytes, { dryRun: '1' });
      expect(dry.statusCode).toBe(200);
      expect(dry.body).toContain('校验通过：7件申请可以导入。本次仅校验，未写入任何数据。');
      expect(dry.body).toContain('2026-03-13');
      const count = async () =>
        Number(
          (
            await services.db
              .selectFrom('application_cases')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count()).toBe(0);
      const done = await upload(admin, bytes);
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('已导入7件申请。');
      expect(done.body).toMatch(/href="\/admin\/applications\/cases\/[0-9a-f-]{36}">YSQ-2026-\d{6}<\/a>/);
      expect(await count()).toBe(7);
      const again = await upload(admin, bytes);
      expect(again.statusCode).toBe(400);
      expect(again.body).toContain('未导入：发现7个问题，没有导入任何申请');
      expect(again.body).toContain('已于此前导入');
      // The personal data in the file never comes back in a page.
      const bad = new TextEncoder().encode(
        '原申请编号,申请渠道,申请人类型,申请人姓名或名称,证件号码,联系电话,所需信息描述,收到日期\nN-1,当面提交,自然人,某某某,110105198001010017,13900139001,说明,2026-02-09\n',
      );
      const refused = await upload(admin, bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('<td>第2行</td><td>证件号码</td>');
      for (const v of ['某某某', '110105198001010017', '13900139001']) expect(refused.body).not.toContain(v);
      const none = await admin.inject({
        method: 'POST',
        url: IMPORT_URL,
        ...multipartForm({ agencyId: mz }, {}),
      });
      expect(none.statusCode).toBe(400);
      expect(none.body).toContain('请选择要导入的CSV文件');
      const handler = await upload(await login('mz.handler'), bytes);
      expect(handler.statusCode).toBe(403);
    });

    it('the retention period: shown, validated, saved', async () => {
      const office = await login('mz.office');
      const page = await office.inject({ url: RETENTION_URL });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('当前保存期限：归档后10年');
      const form = (v: string) => ({
        payload: new URLSearchParams({ agencyId: mz, retentionYears: v }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const bad = await office.inject({ method: 'POST', url: RETENTION_URL, ...form('99') });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('申请人个人信息保存期限（归档后年数）不能大于30');
      const ok = await office.inject({ method: 'POST', url: RETENTION_URL, ...form('5') });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('当前保存期限：归档后5年');
      expect(await getRetentionYears(services.db, mz)).toBe(5);
      const handler = await (await login('mz.handler')).inject({
        method: 'POST',
        url: RETENTION_URL,
        ...form('1'),
      });
      expect(handler.statusCode).toBe(403);
    });
  });
}
