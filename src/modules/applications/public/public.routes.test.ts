/**
 * The public application pages over HTTP (app.inject), on every database: the form and its errors, the
 * 回执 and idempotent resubmission, uploads, the lookup (one message for every wrong part), rate limits,
 * withdrawal, letter downloads, and that no personal data reaches a public cacheable page.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects, freshDb } from '../../../../test/db.js';
import { buildApp } from '../../../app.js';
import { loadConfig } from '../../../config.js';
import { seedDemo } from '../../../demo/seed.js';
import { fixedClock } from '../../../platform/clock.js';
import { createServices } from '../../../services.js';
import { buildPublication, MZ, QH } from '../../publications/publications.fixtures.js';
import { ctxOf, expectNoPersonalData, PERSON } from '../applications.fixtures.js';
import { claimCase } from '../commands/assign.js';
import { requestCorrection } from '../commands/correction.js';
import { confirmReceipt } from '../commands/receipt.js';
import { PUBLIC_LIMITS } from '../routes/public.routes.js';

type Fields = Record<string, string | string[]>;
interface FileSpec {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data body as a browser sends it. */
export function multipart(fields: Fields, files: FileSpec[] = []) {
  const boundary = `----gkform${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  const head = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v])
      head(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`);
  for (const f of files) {
    head(
      `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
    );
    chunks.push(f.bytes);
    head('\r\n');
  }
  head(`--${boundary}--\r\n`);
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** The full, valid form of a citizen (values as typed in the browser). */
export function validForm(over: Fields = {}): Fields {
  return {
    applicantKind: 'person',
    name: PERSON.name,
    idKind: 'residentIdCard',
    idNumber: PERSON.idNumber,
    phone: PERSON.phone,
    email: PERSON.email,
    address: PERSON.address,
    postalCode: '100032',
    infoTitle: '关于调整城乡居民最低生活保障标准的通知',
    infoDescription: '请提供2025年本市调整城乡居民最低生活保障标准的文件。',
    informationForms: ['paper', 'email'],
    deliveryMethods: ['post', 'email'],
    privacyConsent: 'on',
    declaration: 'on',
    intent: 'submit',
    ...over,
  };
}

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? null;

for (const dialect of dialects) {
  describe(`public application pages [${dialect}]`, () => {
    let t: TestApp;
    let code: string;
    let ip = 0;
    /** Each test from its own address, so the per-address limits only bite where a test wants them to. */
    let remoteAddress = '10.0.0.1';
    beforeAll(async () => {
      t = await testApp(dialect);
      code = (await t.services.db
        .selectFrom('agencies')
        .select('code')
        .where('id', '=', t.agencies[MZ]!)
        .executeTakeFirstOrThrow())!.code;
    });
    afterAll(async () => t?.close());
    beforeEach(() => {
      t.clock.set(TEST_NOW);
      ip++;
      remoteAddress = `10.0.${Math.floor(ip / 250)}.${(ip % 250) + 1}`;
    });

    /** Shows the form (cookie + token + key), as a browser would. */
    async function openForm() {
      const res = await t.app.inject({ method: 'GET', url: `/gk/${code}/apply`, remoteAddress });
      expect(res.statusCode).toBe(200);
      const cookie = String(res.headers['set-cookie'] ?? '').split(';')[0]!;
      return {
        html: res.body,
        cookie,
        csrf: hidden(res.body, '_csrf')!,
        key: hidden(res.body, 'idempotencyKey')!,
        res,
      };
    }

    async function post(
      url: string,
      f: Awaited<ReturnType<typeof openForm>>,
      fields: Fields,
      files: FileSpec[] = [],
    ) {
      const body = multipart({ _csrf: f.csrf, idempotencyKey: f.key, ...fields }, files);
      return t.app.inject({
        method: 'POST',
        url,
        payload: body.payload,
        headers: { ...body.headers, cookie: f.cookie },
        remoteAddress,
      });
    }
    const submit = (f: Awaited<ReturnType<typeof openForm>>, fields: Fields, files: FileSpec[] = []) =>
      post(`/gk/${code}/apply`, f, fields, files);

    function urlencoded(cookie: string, fields: Fields) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      return {
        payload: p.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      };
    }
    async function lookup(fields: Fields, from = remoteAddress) {
      const g = await t.app.inject({ method: 'GET', url: '/apply/lookup', remoteAddress: from });
      const cookie = String(g.headers['set-cookie'] ?? '').split(';')[0]!;
      const csrf = hidden(g.body, '_csrf')!;
      const res = await t.app.inject({
        method: 'POST',
        url: '/apply/lookup',
        ...urlencoded(cookie, { _csrf: csrf, ...fields }),
        remoteAddress: from,
      });
      return Object.assign(res, { cookie });
    }
    async function apply(over: Fields = {}) {
      const f = await openForm();
      const res = await submit(f, validForm(over));
      expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
      const trackingNo = /<dt>申请编号<\/dt><dd class="code">([^<]+)</.exec(res.body)![1]!;
      const queryCode = /<dt>查询码<\/dt><dd class="code">([^<]+)</.exec(res.body)![1]!;
      return { trackingNo, queryCode, res, f };
    }

    it('lists the active agencies, each linking to its form', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/apply' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('选择受理机关');
      expect(res.body).toContain(`href="/gk/${code}/apply"`);
      expect(res.body).toContain('href="/apply/lookup"');
      expect(res.body).toContain('class="site-header"'); // the portal layout
    });

    it('shows the form: every field the commands read, a key and a token, not stored by caches', async () => {
      const f = await openForm();
      expect(f.res.headers['cache-control']).toBe('no-store');
      expect(f.key).toMatch(/^[A-Za-z0-9_-]{16,100}$/);
      expect(f.csrf).toBeTruthy();
      for (const name of [
        'applicantKind',
        'name',
        'workUnit',
        'idKind',
        'idNumber',
        'creditCode',
        'noCreditCodeReason',
        'legalRepresentative',
        'contactName',
        'phone',
        'email',
        'fax',
        'address',
        'postalCode',
        'hasAgent',
        'agentName',
        'agentIdKind',
        'agentIdNumber',
        'agentPhone',
        'infoTitle',
        'infoDocNo',
        'infoIndexNo',
        'infoDescription',
        'infoPurpose',
        'informationForms',
        'deliveryMethods',
        'acceptOtherForm',
        'identityFiles',
        'authorizationFiles',
        'supportingFiles',
        'privacyConsent',
        'declaration',
      ])
        expect(f.html, name).toContain(`name="${name}"`);
      for (const label of [
        '商业企业',
        '科研机构',
        '社会公益组织',
        '法律服务机构',
        '法人或其他组织填写',
        '当场阅读、抄录',
        '磁盘',
      ])
        expect(f.html).toContain(label);
      // A second visit gets another key.
      expect((await openForm()).key).not.toBe(f.key);
    });

    it('names every missing field, links the summary to it and marks it invalid', async () => {
      const f = await openForm();
      const res = await submit(f, { intent: 'submit' });
      expect(res.statusCode).toBe(400);
      const expected: Record<string, string> = {
        applicantKind: '请选择申请人类型',
        name: '请填写申请人姓名',
        idKind: '请选择证件类型',
        phone: '联系电话',
        infoDescription: '请填写所需信息的内容描述',
        deliveryMethods: '请至少选择一种获取信息的方式',
        privacyConsent: '请阅读并同意个人信息保护说明',
        declaration: '请确认申请人声明',
      };
      expect(res.body).toContain('id="error-summary"');
      for (const [field, message] of Object.entries(expected)) {
        expect(res.body, field).toContain(`href="#f-${field}"`);
        expect(res.body, field).toContain(message);
        expect(res.body, field).toContain(`id="e-${field}"`);
      }
      expect(res.body).toContain('aria-invalid="true"');
      expect(await t.services.db.selectFrom('application_cases').select('id').execute()).toHaveLength(0);
    });

    it('keeps the values typed, names the wrong ones, and asks for files again', async () => {
      const f = await openForm();
      const res = await submit(
        f,
        validForm({
          idNumber: '110105194912310021',
          email: 'not-an-email',
          applicantKind: 'business',
          creditCode: '',
        }),
        [{ field: 'supportingFiles', name: 'scan.pdf', type: 'application/pdf', bytes: PDF }],
      );
      expect(res.statusCode).toBe(400);
      // An organisation: the credit code or a reason, the legal representative, the contact person.
      expect(res.body).toContain('请填写统一社会信用代码；没有统一社会信用代码的，请说明原因');
      expect(res.body).toContain('请填写法定代表人或负责人');
      expect(res.body).toContain('请填写联系人姓名');
      expect(res.body).toMatch(/id="e-email"[^>]*>[^<]*电子邮箱/);
      // Values kept (the name, the description, the choices), the same key, files to choose again.
      expect(res.body).toContain(`value="${PERSON.name}"`);
      expect(res.body).toContain('请提供2025年本市调整城乡居民最低生活保障标准的文件。');
      expect(res.body).toMatch(/value="business" checked/);
      expect(res.body).toMatch(/value="post" checked/);
      expect(hidden(res.body, 'idempotencyKey')).toBe(f.key);
      expect(res.body).toContain('已选择的附件没有保留，提交前请重新选择附件');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('checks a citizen’s ID number and an agent’s authorisation, naming the field', async () => {
      const f = await openForm();
      const res = await submit(
        f,
        validForm({
          idNumber: '110105194912310021',
          hasAgent: 'on',
          agentName: '李四',
          agentIdKind: 'passport',
          agentIdNumber: 'E12345678',
          agentPhone: '13900139000',
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/id="e-idNumber"[^>]*>[^<]*(身份|证件)/);
      expect(res.body).toMatch(/id="e-authorizationFiles"[^>]*>[^<]*授权委托书/);
    });

    it('refuses a file by its content and one over the size limit, naming the input and the file', async () => {
      const f = await openForm();
      const res = await submit(f, validForm(), [
        {
          field: 'supportingFiles',
          name: '伪装.pdf',
          type: 'application/pdf',
          bytes: Buffer.from('plain text'),
        },
        {
          field: 'identityFiles',
          name: '大文件.pdf',
          type: 'application/pdf',
          bytes: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
        },
      ]);
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/id="e-supportingFiles"[^>]*>其他材料：附件“伪装.pdf”不是可接受的文件类型/);
      expect(res.body).toMatch(/id="e-identityFiles"[^>]*>身份证明：附件“大文件.pdf”超过10 MB/);
      expect(await t.services.db.selectFrom('application_cases').select('id').execute()).toHaveLength(0);
    });

    it('submits: the 回执 with the number and the code once, no-store; a resubmission returns the same case', async () => {
      const f = await openForm();
      const fields = validForm();
      const files = [{ field: 'identityFiles', name: '身份证.pdf', type: 'application/pdf', bytes: PDF }];
      const res = await submit(f, fields, files);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.body;
      expect(body).toContain('政府信息公开申请接收回执');
      const trackingNo = /<dt>申请编号<\/dt><dd class="code">([^<]+)</.exec(body)![1]!;
      const queryCode = /<dt>查询码<\/dt><dd class="code">([^<]+)</.exec(body)![1]!;
      expect(queryCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(body).toContain('受理日期以本机关确认之日为准');
      expect(body).toContain('第三十一条');
      expect(body).toContain('20个工作日');
      expect(body).toContain('查询码只在本页显示一次');
      expect(body).toContain('href="/apply/assets/apply.css"');
      const css = await t.app.inject({ method: 'GET', url: '/apply/assets/apply.css' });
      expect(css.body).toContain('@media print');
      expect(body).not.toContain(PERSON.name); // the 回执 names the information, not the person
      const row = await t.services.db
        .selectFrom('application_cases')
        .selectAll()
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow();
      expect(row.channel).toBe('online');
      const atts = await t.services.db
        .selectFrom('application_attachments')
        .select(['purpose', 'type'])
        .where('case_id', '=', row.id)
        .execute();
      expect(atts).toEqual([{ purpose: 'identity', type: 'pdf' }]);

      // The same form again (a timeout, a reload): the same number and code, no second case.
      const again = await submit(f, fields, files);
      expect(again.statusCode).toBe(200);
      expect(again.body).toContain(trackingNo);
      expect(again.body).toContain(queryCode);
      expect(again.body).toContain('此申请表此前已提交成功');
      const n = await t.services.db
        .selectFrom('application_cases')
        .select('id')
        .where('idempotency_key', '=', f.key)
        .execute();
      expect(n).toHaveLength(1);
      // The same key with other content: refused, with a fresh form key.
      const other = await submit(f, validForm({ infoDescription: '另一项信息' }));
      expect(other.statusCode).toBe(409);
      expect(other.body).toContain('此表单已提交过内容不同的申请');
      expect(hidden(other.body, 'idempotencyKey')).not.toBe(f.key);
    });

    it('accepts the token as a form field without the header (the no-script browser)', async () => {
      const f = await openForm();
      const res = await submit(f, validForm());
      expect(res.statusCode).toBe(200);
      const noToken = multipart(validForm());
      const refused = await t.app.inject({
        method: 'POST',
        url: `/gk/${code}/apply`,
        payload: noToken.payload,
        headers: { ...noToken.headers, cookie: f.cookie },
        remoteAddress,
      });
      expect(refused.statusCode).toBe(403);
      // Not a dead end: the form again, with what was typed, a fresh token, and no case created.
      expect(refused.body).toContain('页面已过期');
      expect(refused.body).toContain(`value="${PERSON.name}"`);
      expect(hidden(refused.body, '_csrf')).toBe(f.csrf);
      const lookupRefused = await t.app.inject({
        method: 'POST',
        url: '/apply/lookup',
        ...urlencoded(f.cookie, { trackingNo: 'YSQ-2026-000001', queryCode: 'AAAA-BBBB-CCCC' }),
        remoteAddress,
      });
      expect(lookupRefused.statusCode).toBe(403);
      expect(lookupRefused.body).toContain('页面已过期');
      expect(lookupRefused.body).not.toContain('AAAA-BBBB-CCCC');
    });

    it('lists published items matching the description without script, scoped to the agency', async () => {
      const item = await buildPublication.published(t);
      const f = await openForm();
      const res = await submit(f, validForm({ intent: 'search', infoTitle: '最低生活保障' }));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('id="published-matches"');
      expect(res.body).toContain(`href="/gk/${code}/items/${item.id}"`);
      expect(res.body).toContain('示民发〔2026〕3号');
      // Another agency's search scope finds nothing of this agency's items.
      const qhCode = (await t.services.db
        .selectFrom('agencies')
        .select('code')
        .where('id', '=', t.agencies[QH]!)
        .executeTakeFirstOrThrow())!.code;
      const g = await t.app.inject({ method: 'GET', url: `/gk/${qhCode}/apply`, remoteAddress });
      const qh = await t.app.inject({
        method: 'POST',
        url: `/gk/${qhCode}/apply`,
        ...(() => {
          const b = multipart({
            _csrf: hidden(g.body, '_csrf')!,
            ...validForm({ intent: 'search', infoTitle: '最低生活保障' }),
          });
          return {
            payload: b.payload,
            headers: { ...b.headers, cookie: String(g.headers['set-cookie']).split(';')[0]! },
          };
        })(),
        remoteAddress,
      });
      expect(qh.statusCode).toBe(200);
      expect(qh.body).toContain('未找到与“最低生活保障”相符的已公开信息');
      // Nothing was submitted, the values and key stay.
      expect(hidden(res.body, 'idempotencyKey')).toBe(f.key);
      expect(res.body).toContain(`value="${PERSON.name}"`);
      const hits = [...res.body.matchAll(/href="\/gk\/([^/]+)\/items\//g)].map((m) => m[1]);
      for (const h of hits) expect(h).toBe(code);
    });

    it('looks a case up: steps, due date, letters; a wrong number and a wrong code get the same answer', async () => {
      const { trackingNo, queryCode } = await apply();
      const ok = await lookup({ trackingNo, queryCode });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['cache-control']).toBe('no-store');
      expect(ok.body).toContain('申请办理情况');
      expect(ok.body).toContain(trackingNo);
      expect(ok.body).toContain('已提交，待受理机关确认');
      expect(ok.body).toContain('撤回申请');
      expect(ok.body).not.toContain(PERSON.name);

      const wrongCode = await lookup({ trackingNo, queryCode: 'AAAA-BBBB-CCCC' });
      const wrongNo = await lookup({ trackingNo: 'YSQ-2026-999999', queryCode });
      expect(wrongCode.statusCode).toBe(404);
      expect(wrongNo.statusCode).toBe(404);
      const msg = (html: string) => /<div class="notice err"[^>]*>([^<]+)</.exec(html)?.[1];
      expect(msg(wrongCode.body)).toBe('申请编号或查询码不正确，请核对后重试。');
      expect(msg(wrongNo.body)).toBe(msg(wrongCode.body));
      // The code is never put back in the page after a failure.
      expect(wrongNo.body).not.toContain(queryCode);

      // Confirmed by the agency: the receipt date and the due date show.
      const id = (await t.services.db
        .selectFrom('application_cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow())!.id;
      await confirmReceipt(await ctxOf(t, 'mz.handler'), id);
      const after = await lookup({ trackingNo, queryCode });
      expect(after.body).toContain('当前答复期限');
      expect(after.body).toMatch(/<dt>收到申请之日<\/dt><dd>2026年03月02日/);
    });

    it('downloads a letter sent to the applicant, as .docx, by POST only', async () => {
      const { trackingNo, queryCode } = await apply();
      const id = (await t.services.db
        .selectFrom('application_cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow())!.id;
      await confirmReceipt(await ctxOf(t, 'mz.handler'), id);
      await claimCase(await ctxOf(t, 'mz.handler'), id);
      await requestCorrection(await ctxOf(t, 'mz.handler'), id, { items: '请写明文件的发布年份' });
      const view = await lookup({ trackingNo, queryCode });
      expect(view.body).toContain('补正申请告知书');
      const letterId = hidden(view.body, 'letterId')!;
      expect(letterId).toBeTruthy();
      const cookie = view.cookie;
      const csrf = hidden(view.body, '_csrf')!;
      const res = await t.app.inject({
        method: 'POST',
        url: '/apply/letter',
        ...urlencoded(cookie, { _csrf: csrf, trackingNo, queryCode, letterId }),
        remoteAddress,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      // The download time is on the agency's audit trail, for the 送达 record; no personal data in it.
      const trail = await t.services.db
        .selectFrom('audit_events')
        .select(['actor_label', 'after_json'])
        .where('action', '=', 'application.letter_downloaded')
        .where('target_id', '=', id)
        .execute();
      expect(trail).toHaveLength(1);
      expect(trail[0]!.actor_label).toBe('申请人');
      expect(JSON.parse(trail[0]!.after_json!)).toMatchObject({
        trackingNo,
        letterId,
        letterKind: 'receipt',
      });
      // Another case's letter, or a wrong code: not this applicant's.
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/apply/letter',
        ...urlencoded(cookie, { _csrf: csrf, trackingNo, queryCode: 'AAAA-BBBB-CCCC', letterId }),
        remoteAddress,
      });
      expect(wrong.statusCode).toBe(404);
      expect(wrong.headers['content-type']).toContain('text/html');
      expect((await t.app.inject({ method: 'GET', url: '/apply/letter', remoteAddress })).statusCode).toBe(
        404,
      );
    });

    it('takes a correction online while 待补正: description prefilled, errors named, the clock restarts', async () => {
      const { trackingNo, queryCode } = await apply();
      const id = (await t.services.db
        .selectFrom('application_cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow())!.id;
      const view0 = await lookup({ trackingNo, queryCode });
      expect(view0.body).not.toContain('提交补正');
      await confirmReceipt(await ctxOf(t, 'mz.handler'), id);
      await claimCase(await ctxOf(t, 'mz.handler'), id);
      await requestCorrection(await ctxOf(t, 'mz.handler'), id, { items: '请写明文件的发布年份' });
      const view = await lookup({ trackingNo, queryCode });
      expect(view.body).toContain('提交补正');
      expect(view.body).toContain('请提供2025年本市调整城乡居民最低生活保障标准的文件。</textarea>');
      const csrf = hidden(view.body, '_csrf')!;
      const send = (fields: Fields, files: FileSpec[] = []) => {
        const b = multipart({ _csrf: csrf, trackingNo, queryCode, ...fields }, files);
        return t.app.inject({
          method: 'POST',
          url: '/apply/correct',
          payload: b.payload,
          headers: { ...b.headers, cookie: view.cookie },
          remoteAddress,
        });
      };
      const bad = await send({ infoDescription: '', deliveryMethods: 'post' }, [
        { field: 'correctionFiles', name: 'x.pdf', type: 'application/pdf', bytes: Buffer.from('nope') },
      ]);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('href="#f-infoDescription"');
      expect(bad.body).toMatch(/id="e-correctionFiles"[^>]*>补正材料：附件“x.pdf”不是可接受的文件类型/);
      expect(bad.body).toContain('已选择的附件没有保留');
      t.clock.set('2026-03-04T02:00:00.000Z');
      const ok = await send(
        {
          infoDescription: '请提供2025年7月发布的本市调整城乡居民最低生活保障标准的文件。',
          deliveryMethods: ['post'],
          informationForms: ['paper'],
          note: '已补充发布年份',
        },
        [{ field: 'correctionFiles', name: '补正.pdf', type: 'application/pdf', bytes: PDF }],
      );
      expect(ok.statusCode, ok.body.slice(0, 3000)).toBe(200);
      expect(ok.body).toContain('补正已提交');
      expect(ok.body).not.toContain('id="s-correct"');
      const row = await t.services.db
        .selectFrom('application_cases')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.state).toBe('inProgress');
      expect(row.info_description).toContain('2025年7月');
      expect(row.clock_start_on).toBe('2026-03-04');
      const atts = await t.services.db
        .selectFrom('application_attachments')
        .select(['purpose'])
        .where('case_id', '=', id)
        .execute();
      expect(atts.map((a) => a.purpose)).toEqual(['correction']);
      const again = await send({ infoDescription: '再次补正', deliveryMethods: 'post' });
      expect(again.statusCode).toBe(422);
      expect(again.body).toContain('不需要补正');
    });

    it('withdraws after a confirmation, with an optional reason', async () => {
      const { trackingNo, queryCode } = await apply();
      const view = await lookup({ trackingNo, queryCode });
      const cookie = view.cookie;
      const csrf = hidden(view.body, '_csrf')!;
      const first = await t.app.inject({
        method: 'POST',
        url: '/apply/withdraw',
        ...urlencoded(cookie, { _csrf: csrf, trackingNo, queryCode }),
        remoteAddress,
      });
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('确认撤回申请');
      expect(first.body).toContain('name="confirm" value="yes"');
      let row = await t.services.db
        .selectFrom('application_cases')
        .select(['state', 'id'])
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow();
      expect(row.state).toBe('submitted');
      const done = await t.app.inject({
        method: 'POST',
        url: '/apply/withdraw',
        ...urlencoded(cookie, {
          _csrf: csrf,
          trackingNo,
          queryCode,
          confirm: 'yes',
          reason: '已从其他途径获得',
        }),
        remoteAddress,
      });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('您的申请已撤回');
      expect(done.body).toContain('已撤回');
      expect(done.body).not.toContain('action="/apply/withdraw"');
      row = await t.services.db
        .selectFrom('application_cases')
        .select(['state', 'id'])
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow();
      expect(row.state).toBe('withdrawn');
      // Again: refused with a message, no 500.
      const again = await t.app.inject({
        method: 'POST',
        url: '/apply/withdraw',
        ...urlencoded(cookie, { _csrf: csrf, trackingNo, queryCode, confirm: 'yes' }),
        remoteAddress,
      });
      expect(again.statusCode).toBe(422);
      expect(again.body).toContain('不能撤回');
    });

    it('limits lookups per tracking number across addresses, and per address, with a Chinese 429 page', async () => {
      const { trackingNo } = await apply();
      const per = PUBLIC_LIMITS.lookupPerCase.limit;
      for (let i = 0; i < per; i++) {
        const r = await lookup({ trackingNo, queryCode: `WRONG-CODE-${i}` }, `10.9.${i}.1`);
        expect(r.statusCode).toBe(404);
      }
      const limited = await lookup({ trackingNo, queryCode: 'WRONG-CODE-X' }, '10.9.200.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeTruthy();
      expect(limited.body).toContain('操作过于频繁');
      expect(limited.body).toContain('查询同一申请');

      const from = '10.8.0.1';
      for (let i = 0; i < PUBLIC_LIMITS.lookup.limit; i++)
        expect(
          (await lookup({ trackingNo: `YSQ-2025-${String(900000 + i)}`, queryCode: 'X' }, from)).statusCode,
        ).toBe(404);
      const byAddress = await lookup({ trackingNo: 'YSQ-2025-777777', queryCode: 'X' }, from);
      expect(byAddress.statusCode).toBe(429);
      expect(byAddress.body).toContain('查询申请次数过多');
    });

    it('limits submissions per address', async () => {
      const f = await openForm();
      for (let i = 0; i < PUBLIC_LIMITS.submit.limit; i++)
        expect((await submit(f, { intent: 'submit' })).statusCode).toBe(400);
      const limited = await submit(f, validForm());
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe(String(PUBLIC_LIMITS.submit.windowMs / 1000));
      expect(limited.body).toContain('提交申请次数过多');
      // The form comes back with what was typed; nothing was submitted.
      expect(limited.body).toContain(`value="${PERSON.name}"`);
      expect(
        await t.services.db
          .selectFrom('application_cases')
          .select('id')
          .where('idempotency_key', '=', f.key)
          .execute(),
      ).toHaveLength(0);
    });

    it('keeps personal data out of public cacheable pages and outside the envelopes', async () => {
      await apply();
      for (const url of ['/', `/gk/${code}`, '/apply', `/gk/${code}/zfxxgksq`]) {
        const r = await t.app.inject({ method: 'GET', url });
        for (const v of Object.values(PERSON)) expect(r.body, url).not.toContain(v);
      }
      await expectNoPersonalData(t.services, Object.values(PERSON));
    });

    it('serves the form in the site variants (长辈版, 繁體) and refuses an agency that is not active', async () => {
      const lb = await t.app.inject({ method: 'GET', url: `/lb/gk/${code}/apply` });
      expect(lb.statusCode).toBe(200);
      expect(lb.body).toContain(`action="/lb/gk/${code}/apply"`);
      const ft = await t.app.inject({ method: 'GET', url: '/ft/apply/lookup' });
      expect(ft.statusCode).toBe(200);
      expect(ft.body).toContain('申請查詢');
      const missing = await t.app.inject({ method: 'GET', url: '/gk/NO-SUCH-AGENCY/apply' });
      expect(missing.statusCode).toBe(404);
      // An abolished agency: no form, a page saying where to apply instead, and off the list.
      const edu = await t.services.db
        .selectFrom('agencies')
        .select(['id', 'code'])
        .where('name', '=', '示例市教育局')
        .executeTakeFirstOrThrow();
      await t.services.db
        .updateTable('agencies')
        .set({ status: 'abolished' })
        .where('id', '=', edu.id)
        .execute();
      try {
        const gone = await t.app.inject({ method: 'GET', url: `/gk/${edu.code}/apply` });
        expect(gone.statusCode).toBe(410);
        expect(gone.body).toContain('该机关不再受理政府信息公开申请');
        expect(gone.body).not.toContain('name="idempotencyKey"');
        expect((await t.app.inject({ method: 'GET', url: '/apply' })).body).not.toContain(
          `/gk/${edu.code}/apply`,
        );
      } finally {
        await t.services.db
          .updateTable('agencies')
          .set({ status: 'active' })
          .where('id', '=', edu.id)
          .execute();
      }
    });
  });
}

/** The destination a pino logger writes to (pino's `streamSym`, found by its description). */
function pinoStream(log: object): { write: (s: string) => unknown } {
  for (let o: object | null = log; o; o = Object.getPrototypeOf(o))
    for (const sym of Object.getOwnPropertySymbols(o))
      if (sym.description === 'pino.stream')
        return (log as Record<symbol, { write: (s: string) => unknown }>)[sym]!;
  throw new Error('no pino stream');
}

for (const dialect of dialects) {
  describe(`public application pages: logs [${dialect}]`, () => {
    it('logs requests without the applicant’s data, the query code or the form’s key', async () => {
      const handle = await freshDb(dialect);
      const config = loadConfig({ DATA_DIR: `./data/test-${process.pid}`, LOG_LEVEL: 'debug' }, 'test');
      const { services } = createServices(config, { handle, clock: fixedClock(TEST_NOW) });
      await seedDemo(services);
      const app = await buildApp(services);
      await app.ready();
      const lines: string[] = [];
      const stream = pinoStream(app.log);
      const write = stream.write.bind(stream);
      stream.write = (chunk: string) => {
        lines.push(String(chunk));
        return true;
      };
      try {
        const code = (await services.db
          .selectFrom('agencies')
          .select('code')
          .where('name', '=', MZ)
          .executeTakeFirstOrThrow())!.code;
        const g = await app.inject({ method: 'GET', url: `/gk/${code}/apply` });
        const cookie = String(g.headers['set-cookie']).split(';')[0]!;
        const csrf = hidden(g.body, '_csrf')!;
        const key = hidden(g.body, 'idempotencyKey')!;
        const b = multipart({ _csrf: csrf, idempotencyKey: key, ...validForm() }, [
          { field: 'identityFiles', name: `${PERSON.name}身份证.pdf`, type: 'application/pdf', bytes: PDF },
        ]);
        const res = await app.inject({
          method: 'POST',
          url: `/gk/${code}/apply`,
          payload: b.payload,
          headers: { ...b.headers, cookie },
        });
        expect(res.statusCode).toBe(200);
        const queryCode = /<dt>查询码<\/dt><dd class="code">([^<]+)</.exec(res.body)![1]!;
        const trackingNo = /<dt>申请编号<\/dt><dd class="code">([^<]+)</.exec(res.body)![1]!;
        const p = new URLSearchParams({ _csrf: csrf, trackingNo, queryCode });
        const l = await app.inject({
          method: 'POST',
          url: '/apply/lookup',
          payload: p.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        });
        expect(l.statusCode).toBe(200);
        const bad = await app.inject({
          method: 'POST',
          url: `/gk/${code}/apply`,
          ...(() => {
            const x = multipart({ _csrf: csrf, ...validForm({ idNumber: '110105194912310021' }) });
            return { payload: x.payload, headers: { ...x.headers, cookie } };
          })(),
        });
        expect(bad.statusCode).toBe(400);
      } finally {
        stream.write = write;
        await app.close();
        await handle.close();
      }
      const log = lines.join('');
      expect(log).toContain('/apply/lookup'); // the requests were logged …
      for (const v of [...Object.values(PERSON), '110105194912310021']) expect(log).not.toContain(v);
      expect(log).not.toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
      expect(log).not.toContain('idempotencyKey');
    });
  });
}
