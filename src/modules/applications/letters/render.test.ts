/**
 * renderLetter on a real database (every dialect): one test per letter kind and one per outcome group of the
 * reply, each opening the generated .docx (a zip) and reading its text back.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { parseXml } from '../../../../test/xml.js';
import { formatChineseDate, type LegalDate } from '../../../platform/legal-date.js';
import { CZ, MZ } from '../../publications/publications.fixtures.js';
import { build, ctxOf, PERSON } from '../applications.fixtures.js';
import { toLetter } from '../applications.js';
import { findCase, listLetters } from '../applications.repository.js';
import { sendConsultation } from '../commands/consultation.js';
import { requestCorrection } from '../commands/correction.js';
import { grantExtension } from '../commands/extension.js';
import { sendFeeNotice } from '../commands/fee.js';
import { closeNotOurs } from '../commands/not-ours.js';
import { approveReply, draftReply, sendReply } from '../commands/reply.js';
import { resetTemplate, saveLetterSettings, saveTemplate } from './letter-store.js';
import { docxText } from './letters.fixtures.js';
import { DOCX_CONTENT_TYPE, renderLetter } from './render.js';

for (const dialect of dialects) {
  describe(`letters as Word files [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));

    const as = (u: string) => ctxOf(t, u);
    const lettersOf = async (id: string) => (await listLetters(t.services.db, id)).map(toLetter);

    it('受理回执: title, number, applicant, tracking number, receipt date, due date, agency and date', async () => {
      const b = await build.received(t, 'mz.handler');
      const receipt = (await lettersOf(b.id)).find((l) => l.kind === 'receipt')!;
      const r = await renderLetter(t.services, b.id, receipt.id);
      expect(r.contentType).toBe(DOCX_CONTENT_TYPE);
      expect(r.fileName).not.toContain(PERSON.name);
      expect(r.containsPersonalData).toBe(true);
      const text = docxText(r.bytes);
      expect(text).toContain(`${MZ}政府信息公开申请受理回执`);
      expect(text).toContain(receipt.number!);
      expect(receipt.number).toMatch(/〔2026〕第\d+号$/);
      expect(text).toContain(`${PERSON.name}：`);
      expect(text).toContain(b.trackingNo);
      expect(text).toContain('2026年3月2日');
      expect(text).toContain('关于调整城乡居民最低生活保障标准的通知');
      expect(text.split('\n').at(-2)).toBe(MZ);
      expect(text.split('\n').at(-1)).toBe('2026年3月2日');
    });

    it('a letter of another case is not found', async () => {
      const a = await build.received(t, 'mz.handler');
      const b = await build.received(t, 'mz.handler');
      const receipt = (await lettersOf(a.id)).find((l) => l.kind === 'receipt')!;
      await expect(renderLetter(t.services, b.id, receipt.id)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('补正申请告知书: every item numbered, the deadline, the consequence, article 30', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await requestCorrection(await as('mz.handler'), b.id, {
        items: '请写明所需信息的文号\n请补充身份证明',
        deadline: '2026-03-20',
      });
      const l = (await lettersOf(b.id)).find((x) => x.kind === 'correctionNotice')!;
      const text = docxText((await renderLetter(t.services, b.id, l.id)).bytes);
      expect(text).toContain(`${MZ}政府信息公开补正申请告知书`);
      expect(text).toContain(l.number!);
      expect(text).toContain('1.请写明所需信息的文号\n2.请补充身份证明');
      expect(text).toContain('请您于2026年3月20日前');
      expect(text).toContain('视为放弃申请');
      expect(text).toContain('第三十条');
      expect(text).toContain(`${PERSON.name}：`);
    });

    it('征求意见书 (third party and agency): the addressee, 15 working days, never the applicant’s data; 征求意见告知书 to the applicant', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await sendConsultation(await as('mz.handler'), b.id, {
        addresseeKind: 'thirdParty',
        addresseeName: '某某科技有限公司',
      });
      await sendConsultation(await as('mz.handler'), b.id, {
        addresseeKind: 'agency',
        addresseeName: CZ,
      });
      const letters = await lettersOf(b.id);
      const [third, agency] = letters.filter((x) => x.kind === 'opinionRequest');
      const r1 = await renderLetter(t.services, b.id, third!.id);
      expect(r1.containsPersonalData).toBe(false);
      const t1 = docxText(r1.bytes);
      expect(t1).toContain('某某科技有限公司：');
      expect(t1).toContain('第三十二条');
      expect(t1).toContain('15个工作日内');
      expect(t1).toContain(b.trackingNo);
      for (const v of Object.values(PERSON)) expect(t1).not.toContain(v);
      const t2 = docxText((await renderLetter(t.services, b.id, agency!.id)).bytes);
      expect(t2).toContain(`${CZ}：`);
      expect(t2).toContain('视为同意公开');
      for (const v of Object.values(PERSON)) expect(t2).not.toContain(v);

      const notice = letters.find((x) => x.kind === 'consultationNotice')!;
      const t3 = docxText((await renderLetter(t.services, b.id, notice.id)).bytes);
      expect(t3).toContain(`${MZ}政府信息公开征求意见告知书`);
      expect(t3).toContain(`${PERSON.name}：`);
      expect(t3).toContain('不计算在答复期限内');
      expect(t3).toContain(notice.number!);
    });

    it('延期答复告知书: reason, old and new due dates, working days, approval', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const before = (await findCase(t.services.db, b.id))!.due_on!;
      const c = await grantExtension(await as('mz.office'), b.id, {
        workdays: 10,
        reason: '需要汇总多个科室的材料',
      });
      const l = (await lettersOf(b.id)).find((x) => x.kind === 'extensionNotice')!;
      const text = docxText((await renderLetter(t.services, b.id, l.id)).bytes);
      expect(text).toContain('因需要汇总多个科室的材料');
      expect(text).toContain(`不能在${formatChineseDate(before as LegalDate)}前`);
      expect(text).toContain('延长10个工作日');
      expect(text).toContain(`于${formatChineseDate(c.clock.dueOn!)}前作出答复`);
      expect(text).toContain('负责人同意');
      expect(text).toContain(l.number!);
    });

    it('收费通知书: basis, 计收方式, amount, explanation, payment period, consequence', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await sendFeeNotice(await as('mz.handler'), b.id, { mode: 'perPage', pages: 50 });
      const l = (await lettersOf(b.id)).find((x) => x.kind === 'feeNotice')!;
      const text = docxText((await renderLetter(t.services, b.id, l.id)).bytes);
      expect(text).toContain('信息处理费收费通知书');
      expect(text).toContain('国办函〔2020〕109号');
      expect(text).toContain('计收方式：按量计收');
      expect(text).toContain('人民币200元');
      expect(text).toContain('20个工作日内缴纳');
      expect(text).toContain('视为放弃申请');
      expect(text).toContain(l.number!);
    });

    /** Drafts, signs off and sends a reply with this outcome; returns the reply letter. */
    async function replied(outcome: string, textOfReply: string, more: Record<string, string> = {}) {
      const b = await build.inProgress(t, 'mz.handler');
      await draftReply(await as('mz.handler'), b.id, { outcome, text: textOfReply, ...more });
      await approveReply(await as('mz.signer'), b.id);
      await sendReply(await as('mz.handler'), b.id);
      const l = (await lettersOf(b.id)).find((x) => x.kind === 'reply' && x.status === 'sent')!;
      return { b, l, text: docxText((await renderLetter(t.services, b.id, l.id)).bytes) };
    }

    const EITHER = '或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼';
    const FIRST = '对行政复议决定不服的';

    it('答复书 予以公开: decision, the handler’s text, basis 第三十六条, remedies with either route', async () => {
      const { b, l, text } = await replied('disclosed', '该信息已在本机关门户网站公开，网址见附件。');
      expect(text).toContain(`${MZ}政府信息公开申请答复书`);
      expect(text).toContain(l.number!);
      expect(text).toContain(`${PERSON.name}：`);
      expect(text).toContain(`申请编号：${b.trackingNo}`);
      expect(text).toContain('予以公开');
      expect(text).toContain('该信息已在本机关门户网站公开，网址见附件。');
      expect(text).toContain('《中华人民共和国政府信息公开条例》第三十六条第（一）项、第三十六条第（二）项');
      expect(text).toContain(EITHER);
      expect(text).not.toContain(FIRST);
      expect(text).toContain('特此告知。');
    });

    it('答复书 部分公开 and 不予公开: reconsideration first (行政复议法 2023), the configured 复议机关', async () => {
      const admin = await as('mz.admin');
      await saveLetterSettings(admin, t.agencies[MZ]!, { reconsiderationBody: '示例市人民政府' });
      const partly = await replied('partlyDisclosed', '提供第一部分；第二部分涉及个人隐私。');
      expect(partly.text).toContain('能够作区分处理');
      expect(partly.text).toContain('第三十七条');
      expect(partly.text).toContain('60日内向示例市人民政府申请行政复议');
      expect(partly.text).toContain(FIRST);
      expect(partly.text).not.toContain('6个月');
      const withheld = await replied('withheld.thirdPartyRights', '第三方不同意公开，理由合理。');
      expect(withheld.text).toContain('决定不予公开');
      expect(withheld.text).toContain('第十五条、第三十二条、第三十六条第（三）项');
      expect(withheld.text).toContain('示例市人民政府');
      expect(withheld.text).toContain(FIRST);
      await saveLetterSettings(admin, t.agencies[MZ]!, {});
    });

    it('答复书 无法提供 (不存在; 非本机关 naming the responsible agency), 不予处理, 其他处理', async () => {
      const notHeld = await replied('unavailable.notHeld', '经检索本机关档案和业务系统，未找到该信息。');
      expect(notHeld.text).toContain('该政府信息不存在');
      expect(notHeld.text).toContain('依法有权受理的行政复议机关');
      expect(notHeld.text).toContain(EITHER);

      const b = await build.inProgress(t, 'mz.handler');
      await closeNotOurs(await as('mz.handler'), b.id, {
        text: '您申请的信息由示例市财政局制作并保存。',
        otherAgencyId: t.agencies[CZ],
        otherAgencyContact: '0000-87654321',
      });
      await approveReply(await as('mz.signer'), b.id);
      await sendReply(await as('mz.handler'), b.id);
      const l = (await lettersOf(b.id)).find((x) => x.kind === 'reply')!;
      const notOurs = docxText((await renderLetter(t.services, b.id, l.id)).bytes);
      expect(notOurs).toContain('不属于本机关负责公开');
      expect(notOurs).toContain(`该政府信息由${CZ}负责公开，联系方式：0000-87654321。`);
      expect(notOurs).toContain('第三十六条第（五）项');

      const repeated = await replied('notProcessed.repeated', '本机关已于2026年1月5日作出答复。');
      expect(repeated.text).toContain('不予重复处理');
      expect(repeated.text).toContain('第三十六条第（六）项');
      const other = await replied('otherHandling.other', '申请人已另行取得所需信息。', {
        legalBasis: '《中华人民共和国政府信息公开条例》第三十三条',
      });
      expect(other.text).toContain('申请人已另行取得所需信息。');
      expect(other.text).toContain(EITHER);
      expect(other.text).toContain('第三十三条');
    });

    it('the package is well-formed WordprocessingML: A4, 公文 margins, East Asian fonts, text escaped', async () => {
      const { b, l } = await replied('disclosed', '附件见<附件1>&“说明”，网址 https://example.cn/?a=1&b=2');
      const bytes = (await renderLetter(t.services, b.id, l.id)).bytes;
      const files = unzipSync(bytes);
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([
          '[Content_Types].xml',
          '_rels/.rels',
          'word/document.xml',
          'word/styles.xml',
        ]),
      );
      for (const [name, data] of Object.entries(files))
        if (name.endsWith('.xml') || name.endsWith('.rels'))
          expect(() => parseXml(strFromU8(data)), name).not.toThrow();
      const xml = strFromU8(files['word/document.xml']!);
      expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/);
      expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
      expect(xml).toContain('w:eastAsia="方正小标宋简体"');
      expect(docxText(bytes)).toContain('附件见<附件1>&“说明”，网址 https://example.cn/?a=1&b=2');
    });

    it('a draft reply: marked as a draft, no number, still the applicant’s name', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await draftReply(await as('mz.handler'), b.id, { outcome: 'disclosed', text: '拟予公开。' });
      const l = (await lettersOf(b.id)).find((x) => x.kind === 'reply')!;
      const r = await renderLetter(t.services, b.id, l.id);
      const text = docxText(r.bytes);
      expect(text.split('\n')[0]).toBe('（草稿，未审签）');
      expect(text).not.toMatch(/第\d+号/);
      expect(r.fileName).toContain('草稿');
    });

    it('dates are China’s: a registration at 01:00 Beijing time is dated that day, whatever the server’s zone', async () => {
      t.clock.set('2026-03-02T17:00:00.000Z');
      const admin = await as('mz.admin');
      await saveTemplate(admin, t.agencies[MZ]!, 'receipt', {
        title: '{{机关名称}}回执',
        body: '{{申请人}}：\n提交：{{提交日期}}；收到：{{收到日期}}；日期：{{日期}}',
      });
      const b = await build.received(t, 'mz.handler');
      const receipt = (await lettersOf(b.id)).find((l) => l.kind === 'receipt')!;
      const text = docxText((await renderLetter(t.services, b.id, receipt.id)).bytes);
      expect(text).toContain('提交：2026年3月3日；收到：2026年3月3日；日期：2026年3月3日');
      await resetTemplate(admin, t.agencies[MZ]!, 'receipt');
    });

    it('the agency’s edited template replaces the default; reset brings the default back', async () => {
      const admin = await as('mz.admin');
      const b = await build.received(t, 'mz.handler');
      const receipt = (await lettersOf(b.id)).find((l) => l.kind === 'receipt')!;
      await saveTemplate(admin, t.agencies[MZ]!, 'receipt', {
        title: '{{机关名称}}申请登记回执',
        body: '{{申请人}}：\n您的申请（{{申请编号}}）已于{{收到日期}}登记。\n联系：{{联系电话}}',
      });
      let text = docxText((await renderLetter(t.services, b.id, receipt.id)).bytes);
      expect(text).toContain(`${MZ}申请登记回执`);
      expect(text).toContain(`您的申请（${b.trackingNo}）已于2026年3月2日登记。`);
      // No contact configured: the line is left out.
      expect(text).not.toContain('联系：');
      await resetTemplate(admin, t.agencies[MZ]!, 'receipt');
      const c = await build.received(t, 'mz.handler');
      const fresh = (await lettersOf(c.id)).find((l) => l.kind === 'receipt')!;
      text = docxText((await renderLetter(t.services, c.id, fresh.id)).bytes);
      expect(text).toContain(`${MZ}政府信息公开申请受理回执`);
    });

    it('a sent letter is fixed at its first rendering: a later template edit does not change it', async () => {
      const admin = await as('mz.admin');
      const b = await build.received(t, 'mz.handler');
      const receipt = (await lettersOf(b.id)).find((l) => l.kind === 'receipt')!;
      expect(receipt.status).toBe('sent');
      const first = await renderLetter(t.services, b.id, receipt.id);
      const row = await t.services.db
        .selectFrom('application_letters')
        .select('file_sha256')
        .where('id', '=', receipt.id)
        .executeTakeFirstOrThrow();
      expect(row.file_sha256).toMatch(/^[0-9a-f]{64}$/);
      await saveTemplate(admin, t.agencies[MZ]!, 'receipt', {
        title: '{{机关名称}}改过的回执',
        body: '{{申请人}}：\n模板已修改。',
      });
      try {
        const again = await renderLetter(t.services, b.id, receipt.id);
        expect(Buffer.compare(again.bytes, first.bytes)).toBe(0);
        expect(docxText(again.bytes)).not.toContain('模板已修改');
        expect(again.containsPersonalData).toBe(true);
        // A letter sent later is written from the edited template.
        const c = await build.received(t, 'mz.handler');
        const later = (await lettersOf(c.id)).find((l) => l.kind === 'receipt')!;
        expect(docxText((await renderLetter(t.services, c.id, later.id)).bytes)).toContain('模板已修改');
      } finally {
        await resetTemplate(admin, t.agencies[MZ]!, 'receipt');
      }
    });
  });
}
