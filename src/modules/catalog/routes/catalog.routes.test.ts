/**
 * The catalogue's back office through the real app, on every dialect: the tree, add / rename /
 * reorder / retire / restore with their audit events, the 指南 and the disclosure settings, and who
 * may do what.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, form, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { flattenTree, toCatalogNode } from '../catalog.js';
import { findNode, findNodeBySlugPath, publicTree } from '../catalog.repository.js';
import { getDisclosureSettings } from '../settings.repository.js';

const post = (c: Client, url: string, values: Record<string, string | string[]>) =>
  c.inject({ method: 'POST', url, ...form({ _csrf: c.csrf, ...values }) });

/** The value of an input or the text of a textarea in rendered HTML, unescaped. */
function fieldValue(html: string, name: string): string {
  const area = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*value(?:="([^"]*)")?[ />]`).exec(html);
  const raw = area?.[1] ?? (input ? (input[1] ?? '') : undefined);
  if (raw === undefined) throw new Error(`no field ${name}`);
  return raw
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

const MZ = '示例市民政局';

for (const dialect of dialects) {
  describe(`catalogue back office [${dialect}]`, () => {
    let t: TestApp;
    let admin: Client;
    let mz: string;
    beforeEach(async () => {
      t = await testApp(dialect);
      admin = await t.login('mz.admin');
      mz = t.agencies[MZ]!;
    });
    afterEach(async () => t.close());

    const node = async (...path: string[]) =>
      toCatalogNode((await findNodeBySlugPath(t.handle.db, mz, path))!);
    const events = async (action?: string) => {
      let q = t.handle.db.selectFrom('audit_events').selectAll().where('agency_id', '=', mz);
      if (action) q = q.where('action', '=', action);
      return q.orderBy('seq').execute();
    };
    const statutoryOrder = async () =>
      flattenTree(await publicTree(t.handle.db, mz))
        .filter((x) => x.node.slugPath[0] === 'fdzdgknr' && x.depth === 2)
        .map((x) => x.node.name);

    it('shows the agency admin the default tree of a city department, with its controls', async () => {
      const res = await admin.inject({ url: '/admin/catalog' });
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('示例市民政局 · 政府信息公开目录');
      for (const name of [
        '政府信息公开指南',
        '法定主动公开内容',
        '行政许可',
        '市政建设',
        '社会救助',
        '申请须知',
      ])
        expect(html).toContain(`>${name}</a>`);
      expect(html).not.toContain('>规章</a>');
      expect(html).toContain('条例第二十条第（五）项');
      expect(html).toContain('/fdzdgknr/xzxk');
      expect(html).toContain('aria-label="上移“行政许可”"');
      expect(html).toContain('添加一级栏目');
      expect(html).not.toContain('指南尚缺'); // the demo 指南 is complete
    });

    it('adds a column under 法定主动公开内容, audited; a taken address is refused and nothing is written', async () => {
      const parent = await node('fdzdgknr');
      const page = await admin.inject({ url: `/admin/catalog/${mz}/nodes/new?parentId=${parent.id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<option value="${parent.id}" selected`);

      const before = (await events()).length;
      const taken = await post(admin, `/admin/catalog/${mz}/nodes`, {
        parentId: parent.id,
        name: '重点领域信息公开',
        slug: 'xzxk',
        kind: 'column',
      });
      expect(taken.statusCode).toBe(400);
      expect(taken.body).toContain('栏目地址“xzxk”已被“行政许可”使用');
      expect(fieldValue(taken.body, 'name')).toBe('重点领域信息公开');
      expect((await events()).length).toBe(before);

      const res = await post(admin, `/admin/catalog/${mz}/nodes`, {
        parentId: parent.id,
        name: '重点领域信息公开',
        slug: 'zdly',
        kind: 'column',
        holdsDocuments: '1',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(new RegExp(`^/admin/catalog\\?agencyId=${mz}&done=added#n-`));
      const added = await node('fdzdgknr', 'zdly');
      expect(added).toMatchObject({
        name: '重点领域信息公开',
        kind: 'column',
        holdsDocuments: true,
        statutoryItem: null,
      });
      expect((await statutoryOrder()).at(-1)).toBe('重点领域信息公开');
      const [ev] = await events('catalog.add');
      expect(ev!.target_id).toBe(added.id);
      expect(JSON.parse(ev!.after_json!)).toMatchObject({
        name: '重点领域信息公开',
        slugPath: 'fdzdgknr/zdly',
      });
      const tree = await admin.inject({ url: String(res.headers.location).split('#')[0]! });
      expect(tree.body).toContain('已添加栏目。');
    });

    it('refuses a top-level column address the public portal reserves', async () => {
      const before = (await events()).length;
      const res = await post(admin, `/admin/catalog/${mz}/nodes`, {
        name: '条目',
        slug: 'items',
        kind: 'column',
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('栏目地址“items”是公开页面的保留地址');
      expect((await events()).length).toBe(before);
    });

    it('renames a statutory column, keeping its item and address; an empty name keeps the form', async () => {
      const xzxk = await node('fdzdgknr', 'xzxk');
      const bad = await post(admin, `/admin/catalog/nodes/${xzxk.id}`, { name: '' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('请填写栏目名称');
      const res = await post(admin, `/admin/catalog/nodes/${xzxk.id}`, { name: '行政许可和对外管理服务' });
      expect(res.statusCode).toBe(303);
      expect(await node('fdzdgknr', 'xzxk')).toMatchObject({
        name: '行政许可和对外管理服务',
        statutoryItem: '20.5',
      });
      const [ev] = await events('catalog.rename');
      expect(JSON.parse(ev!.before_json!)).toEqual({ name: '行政许可' });
      expect(JSON.parse(ev!.after_json!)).toEqual({ name: '行政许可和对外管理服务' });
      const page = await admin.inject({ url: String(res.headers.location) });
      expect(page.body).toContain('已保存修改。');
    });

    it('edits the text of a page', async () => {
      const sqxz = await node('zfxxgksq', 'sqxz');
      const res = await post(admin, `/admin/catalog/nodes/${sqxz.id}`, {
        name: '申请须知',
        body: '第一段。\n\n第二段。',
      });
      expect(res.statusCode).toBe(303);
      expect((await node('zfxxgksq', 'sqxz')).body).toBe('第一段。\n\n第二段。');
      expect((await events('catalog.update')).length).toBe(1);
    });

    it('moves a column up and down among its siblings; the first cannot move up', async () => {
      const names = await statutoryOrder();
      const i = names.indexOf('行政许可');
      const xzxk = await node('fdzdgknr', 'xzxk');
      const up = await post(admin, `/admin/catalog/nodes/${xzxk.id}/move`, { direction: 'up' });
      expect(up.statusCode).toBe(303);
      const moved = await statutoryOrder();
      expect(moved[i - 1]).toBe('行政许可');
      expect(moved[i]).toBe(names[i - 1]);
      const [ev] = await events('catalog.reorder');
      expect(JSON.parse(ev!.after_json!)).toEqual({ position: i, direction: 'up' });
      await post(admin, `/admin/catalog/nodes/${xzxk.id}/move`, { direction: 'down' });
      expect(await statutoryOrder()).toEqual(names);

      const guide = await node('zfxxgkzn');
      const top = await post(admin, `/admin/catalog/nodes/${guide.id}/move`, { direction: 'up' });
      expect(top.statusCode).toBe(422);
      expect(top.body).toContain('“政府信息公开指南”已经排在最前');
      expect((await events('catalog.reorder')).length).toBe(2);
    });

    it('retires a statutory column only with a reason, keeps it visible to staff, and restores it', async () => {
      const zagl = await node('fdzdgknr', 'zagl');
      const noReason = await post(admin, `/admin/catalog/nodes/${zagl.id}/retire`, { reason: '' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('请填写停用原因');
      const res = await post(admin, `/admin/catalog/nodes/${zagl.id}/retire`, {
        reason: '不属于本机关职责范围',
      });
      expect(res.statusCode).toBe(303);
      expect(await node('fdzdgknr', 'zagl')).toMatchObject({
        status: 'retired',
        retiredReason: '不属于本机关职责范围',
      });
      expect(await statutoryOrder()).not.toContain('治安管理');
      const editor = await t.login('mz.editor');
      const tree = await editor.inject({ url: '/admin/catalog' });
      expect(tree.body).toMatch(
        />治安管理<\/a> <span class="mono muted">\/fdzdgknr\/zagl<\/span> <span class="tag">栏目<\/span>.*?<span class="tag">已停用<\/span>/,
      );
      const detail = await editor.inject({ url: `/admin/catalog/nodes/${zagl.id}` });
      expect(detail.body).toContain('原因：不属于本机关职责范围');

      const restore = await post(admin, `/admin/catalog/nodes/${zagl.id}/restore`, {});
      expect(restore.statusCode).toBe(303);
      expect((await node('fdzdgknr', 'zagl')).status).toBe('active');
      const actions = (await events()).map((e) => e.action).filter((a) => a.startsWith('catalog.'));
      expect(actions.slice(-2)).toEqual(['catalog.retire', 'catalog.restore']);
    });

    it('never retires a required column, and keeps the children of a retired column', async () => {
      const section = await node('fdzdgknr');
      const refused = await post(admin, `/admin/catalog/nodes/${section.id}/retire`, { reason: '试试' });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('是政府信息公开专栏的规定栏目，不能停用');
      expect((await node('fdzdgknr')).status).toBe('active');

      // A custom column with a child: retiring the parent hides both from the public, not from staff.
      await post(admin, `/admin/catalog/${mz}/nodes`, {
        parentId: '',
        name: '专题专栏',
        slug: 'ztzl',
        kind: 'column',
      });
      const zt = await node('ztzl');
      await post(admin, `/admin/catalog/${mz}/nodes`, {
        parentId: zt.id,
        name: '养老服务',
        slug: 'ylfw',
        kind: 'column',
      });
      const yl = await node('ztzl', 'ylfw');
      expect((await post(admin, `/admin/catalog/nodes/${zt.id}/retire`, {})).statusCode).toBe(303);
      const visible = flattenTree(await publicTree(t.handle.db, mz)).map((x) => x.node.slug);
      expect(visible).not.toContain('ztzl');
      expect(visible).not.toContain('ylfw');
      const tree = await admin.inject({ url: '/admin/catalog' });
      expect(tree.body).toContain('>养老服务</a>');
      expect(tree.body).toContain('随上级停用');
      expect((await findNode(t.handle.db, yl.id))!.status).toBe('active');
      // A child retired on its own comes back only after its parent.
      await post(admin, `/admin/catalog/nodes/${yl.id}/retire`, {});
      const early = await post(admin, `/admin/catalog/nodes/${yl.id}/restore`, {});
      expect(early.statusCode).toBe(422);
      expect(early.body).toContain('上级栏目“专题专栏”已停用，请先恢复上级栏目');
      expect((await post(admin, `/admin/catalog/nodes/${zt.id}/restore`, {})).statusCode).toBe(303);
      expect((await post(admin, `/admin/catalog/nodes/${yl.id}/restore`, {})).statusCode).toBe(303);
      expect(flattenTree(await publicTree(t.handle.db, mz)).map((x) => x.node.slug)).toContain('ylfw');
    });

    describe('指南', () => {
      const guideValues = (html: string) =>
        Object.fromEntries(
          [
            'officeName',
            'officeAddress',
            'officePostcode',
            'officeHours',
            'officePhone',
            'officeFax',
            'officeEmail',
            'officeWebsite',
            'scope',
            'arrangement',
            'channels',
            'timeLimit',
            'applicationOffice',
            'applicationMethods',
            'processing',
            'fees',
            'supervision',
          ].map((k) => [k, fieldValue(html, k)]),
        );

      it('shows every 第十二条 field, prefilled; a malformed value keeps what was typed and saves nothing', async () => {
        const page = await admin.inject({ url: `/admin/catalog/${mz}/guide` });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('指南已载明条例第十二条要求的全部内容');
        const values = guideValues(page.body);
        expect(values.officePhone).toBe('0000-5550102');
        expect(values.arrangement).toContain('索引号');
        expect(values.applicationMethods).toContain('口头申请');

        const before = (await events()).length;
        const typed = {
          ...values,
          officePostcode: '61000',
          officeEmail: 'gk02@',
          officeAddress: '示例市新地址1号',
        };
        const res = await post(admin, `/admin/catalog/${mz}/guide`, typed);
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('邮政编码应为6位数字');
        expect(res.body).toContain('电子邮箱“gk02@”格式不正确');
        expect(guideValues(res.body)).toEqual(typed);
        expect((await events()).length).toBe(before);
      });

      it('saves with missing fields, lists them as problems, audits the diff and feeds the official contacts', async () => {
        const values = guideValues((await admin.inject({ url: `/admin/catalog/${mz}/guide` })).body);
        const res = await post(admin, `/admin/catalog/${mz}/guide`, {
          ...values,
          officePhone: '',
          officeFax: '0000-5550299、0000-5550298',
        });
        expect(res.statusCode).toBe(303);
        const page = await admin.inject({ url: String(res.headers.location) });
        expect(page.body).toContain('已保存政府信息公开指南。');
        expect(page.body).toContain('未填写“联系电话”（政府信息公开工作机构）');
        const [ev] = await events('catalog.guide_update').then((l) => l.slice(-1));
        expect(JSON.parse(ev!.before_json!)).toEqual({
          officePhone: '0000-5550102',
          officeFax: '0000-5550202',
        });
        expect(JSON.parse(ev!.after_json!)).toEqual({
          officePhone: '',
          officeFax: '0000-5550299、0000-5550298',
          problems: 1,
        });
        expect((await getDisclosureSettings(t.handle.db, mz)).officialContacts).toEqual([
          '0000-5550299',
          '0000-5550298',
          'gk02@demo.invalid',
        ]);
        const tree = await admin.inject({ url: '/admin/catalog' });
        expect(tree.body).toContain('政府信息公开指南尚缺1项内容');
      });
    });

    describe('公开设置', () => {
      const valid = {
        indexNoPattern: '{code}/{YYYY}{MM}-{serial5}',
        sensitiveWords: '内部资料\n绝密\n\n内部资料',
        extraContacts: '0000-5550999',
        workflowSteps: ['firstReview', 'secrecyReview'],
        withheldReviewMonths: '6',
      };

      it('shows the defaults with an example 索引号 and 保密审查 fixed on', async () => {
        const res = await admin.inject({ url: `/admin/catalog/${mz}/settings` });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('<code>11510100DEMO00002X/2026-00012</code>');
        expect(res.body).toContain('<input type="checkbox" checked disabled');
        expect(res.body).toContain('<input type="hidden" name="workflowSteps" value="secrecyReview"/>');
        expect(res.body).toContain('0000-5550102、0000-5550202、gk02@demo.invalid');
        expect(fieldValue(res.body, 'withheldReviewMonths')).toBe('12');
      });

      it('refuses a bad pattern naming 索引号规则, and dropping 保密审查, keeping the input', async () => {
        const before = (await events()).length;
        const res = await post(admin, `/admin/catalog/${mz}/settings`, {
          ...valid,
          indexNoPattern: '{code}-{serial5}',
          workflowSteps: ['firstReview', 'signOff'],
          withheldReviewMonths: '0',
        });
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('索引号规则必须包含年份 {YYYY}');
        expect(res.body).toContain('保密审查是《政府信息公开条例》第十七条规定的法定环节，不能取消');
        expect(res.body).toContain('不公开信息复核周期（月）不能小于1');
        expect(fieldValue(res.body, 'indexNoPattern')).toBe('{code}-{serial5}');
        expect(fieldValue(res.body, 'sensitiveWords')).toBe(valid.sensitiveWords);
        expect(res.body).toContain('索引号规则有误，无法生成示例。');
        expect((await events()).length).toBe(before);
        expect((await getDisclosureSettings(t.handle.db, mz)).workflowSteps).toContain('secrecyReview');
      });

      it('previews a typed pattern without saving', async () => {
        const res = await post(admin, `/admin/catalog/${mz}/settings`, { ...valid, action: 'preview' });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('<code>11510100DEMO00002X/202603-00012</code>');
        expect(fieldValue(res.body, 'indexNoPattern')).toBe(valid.indexNoPattern);
        expect((await getDisclosureSettings(t.handle.db, mz)).indexNoPattern).toBeNull();
      });

      it('saves valid settings and audits the change', async () => {
        const res = await post(admin, `/admin/catalog/${mz}/settings`, valid);
        expect(res.statusCode).toBe(303);
        const s = await getDisclosureSettings(t.handle.db, mz);
        expect(s).toMatchObject({
          indexNoPattern: '{code}/{YYYY}{MM}-{serial5}',
          sensitiveWords: ['内部资料', '绝密'],
          extraContacts: ['0000-5550999'],
          workflowSteps: ['firstReview', 'secrecyReview'],
          withheldReviewMonths: 6,
        });
        expect(s.officialContacts).toContain('0000-5550999');
        expect(s.officialContacts).toContain('0000-5550102');
        const [ev] = await events('catalog.settings_update');
        expect(JSON.parse(ev!.after_json!)).toMatchObject({
          workflowSteps: ['firstReview', 'secrecyReview'],
        });
        expect(JSON.parse(ev!.before_json!)).toMatchObject({
          workflowSteps: ['firstReview', 'secrecyReview', 'signOff'],
        });
        const page = await admin.inject({ url: String(res.headers.location) });
        expect(page.body).toContain('已保存公开设置。');
        expect(fieldValue(page.body, 'indexNoPattern')).toBe(valid.indexNoPattern);
        // Saving the same values again changes nothing and writes no event.
        await post(admin, `/admin/catalog/${mz}/settings`, valid);
        expect((await events('catalog.settings_update')).length).toBe(1);
      });
    });

    describe('who may', () => {
      it('staff read the catalogue but only the agency admin changes it (403)', async () => {
        const editor = await t.login('mz.editor');
        const tree = await editor.inject({ url: '/admin/catalog' });
        expect(tree.statusCode).toBe(200);
        expect(tree.body).toContain('只有本单位的单位管理员可以修改');
        expect(tree.body).not.toContain('上移');
        const xzxk = await node('fdzdgknr', 'xzxk');
        const before = (await events()).length;
        const attempts = [
          post(editor, `/admin/catalog/${mz}/nodes`, { parentId: '', name: 'x', kind: 'column' }),
          post(editor, `/admin/catalog/nodes/${xzxk.id}`, { name: '改名' }),
          post(editor, `/admin/catalog/nodes/${xzxk.id}/move`, { direction: 'up' }),
          post(editor, `/admin/catalog/nodes/${xzxk.id}/retire`, { reason: 'x' }),
          post(editor, `/admin/catalog/${mz}/guide`, { officeName: 'x' }),
          post(editor, `/admin/catalog/${mz}/settings`, {
            withheldReviewMonths: '3',
            workflowSteps: 'secrecyReview',
          }),
          editor.inject({ url: `/admin/catalog/${mz}/nodes/new` }),
        ];
        for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(403);
        expect((await events()).length).toBe(before);
        expect((await editor.inject({ url: `/admin/catalog/${mz}/guide` })).body).toContain(
          '<fieldset disabled',
        );
      });

      it('another agency’s staff get 404 for everything of this one', async () => {
        const qh = await t.login('qh.editor');
        const xzxk = await node('fdzdgknr', 'xzxk');
        expect((await qh.inject({ url: `/admin/catalog?agencyId=${mz}` })).statusCode).toBe(404);
        expect((await qh.inject({ url: `/admin/catalog/nodes/${xzxk.id}` })).statusCode).toBe(404);
        expect((await qh.inject({ url: `/admin/catalog/${mz}/settings` })).statusCode).toBe(404);
        expect((await post(qh, `/admin/catalog/nodes/${xzxk.id}/move`, { direction: 'up' })).statusCode).toBe(
          404,
        );
        const own = await qh.inject({ url: '/admin/catalog' });
        expect(own.statusCode).toBe(200);
        expect(own.body).toContain('清河县民政局 · 政府信息公开目录');
      });

      it('a supervisor reads any agency of its subtree, picks it, and changes nothing (403)', async () => {
        const sup = await t.login('city.supervisor');
        const res = await sup.inject({ url: `/admin/catalog?agencyId=${mz}` });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('示例市民政局 · 政府信息公开目录');
        expect(res.body).toContain('查看单位');
        expect(res.body).toContain('清河县民政局</option>');
        expect((await sup.inject({ url: `/admin/catalog/${mz}/guide` })).statusCode).toBe(200);
        expect((await sup.inject({ url: `/admin/catalog/${mz}/settings` })).statusCode).toBe(200);
        const own = await sup.inject({ url: '/admin/catalog' });
        expect(own.body).toContain('示例市人民政府 · 政府信息公开目录');
        expect(own.body).toContain('>规章</a>');
        const xzxk = await node('fdzdgknr', 'xzxk');
        expect((await post(sup, `/admin/catalog/nodes/${xzxk.id}`, { name: '改名' })).statusCode).toBe(403);
        expect((await post(sup, `/admin/catalog/${mz}/default`, {})).statusCode).toBe(403);
        expect((await node('fdzdgknr', 'xzxk')).name).toBe('行政许可');
      });

      it('the platform admin reads any catalogue (starting at the first agency) but edits none', async () => {
        const root = await t.login('admin');
        const res = await root.inject({ url: '/admin/catalog' });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('示例市人民政府 · 政府信息公开目录');
        expect(res.body).toContain('查看单位');
        const xzxk = await node('fdzdgknr', 'xzxk');
        expect(
          (await post(root, `/admin/catalog/nodes/${xzxk.id}/move`, { direction: 'up' })).statusCode,
        ).toBe(403);
      });

      it('an agency without a catalogue gets one from its admin’s button', async () => {
        const existing = await t.handle.db
          .selectFrom('catalog_nodes')
          .select('id')
          .where('agency_id', '=', mz)
          .execute();
        await t.handle.db
          .deleteFrom('catalog_nodes')
          .where('agency_id', '=', mz)
          .where('parent_id', 'is not', null)
          .execute();
        await t.handle.db.deleteFrom('catalog_nodes').where('agency_id', '=', mz).execute();
        const empty = await admin.inject({ url: '/admin/catalog' });
        expect(empty.body).toContain('按行政层级建立默认目录');
        const res = await post(admin, `/admin/catalog/${mz}/default`, {});
        expect(res.statusCode).toBe(303);
        expect(
          (await t.handle.db.selectFrom('catalog_nodes').select('id').where('agency_id', '=', mz).execute())
            .length,
        ).toBe(existing.length);
        const [ev] = (await events('catalog.create_default')).slice(-1);
        expect(ev!.actor_id).toBe(t.users['mz.admin']);
      });
    });
  });
}
