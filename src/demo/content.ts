/**
 * Published items for the demo platform (`npm start`), so the portal, its search and the back office
 * have something to show: a dozen items of the city government and its 民政局, of several 体裁 — 行政
 * 规范性文件 with 文号 and 有效性 (one repealed, so 失效文件 has an entry), notices, a 政策解读, 民生政策.
 * They go in through the product's archive import (validation, sanitising, checks, 索引号, search index,
 * audit), as an agency moving its archive in would. The texts are the demo's own, written for it.
 *
 * Only the demo server calls this; the test apps seed the agencies and people alone (test/app.ts).
 */
import { systemActor } from '../modules/accounts/commands/context.js';
import { formatIndexNo } from '../modules/catalog/index-no.js';
import { effectiveIndexNoPattern } from '../modules/catalog/settings.js';
import { getDisclosureSettings } from '../modules/catalog/settings.repository.js';
import { importPublications } from '../modules/publications/import/import-publications.js';
import type { Services } from '../platform/services.js';

interface DemoItem {
  title: string;
  column: string;
  genre: string;
  topic: string;
  publishedOn: string;
  writtenOn?: string;
  docNo?: string;
  validity?: string;
  summary?: string;
  keywords?: string;
  body: string;
}

const p = (...paragraphs: string[]) => paragraphs.map((x) => `<p>${x}</p>`).join('');

const CITY_MZ: DemoItem[] = [
  {
    title: '示例市最低生活保障审核确认办法',
    column: '行政规范性文件',
    genre: '行政规范性文件',
    topic: '民政、扶贫、救灾',
    publishedOn: '2025-03-18',
    writtenOn: '2025-03-10',
    docNo: '示民规〔2025〕1号',
    validity: '有效',
    summary: '规定本市最低生活保障的申请、审核确认、动态管理和监督程序。',
    keywords: '最低生活保障；审核确认；社会救助',
    body: p(
      '第一条 为规范本市最低生活保障审核确认工作，保障困难群众基本生活，结合本市实际，制定本办法。',
      '第二条 本办法适用于本市行政区域内最低生活保障的申请、审核确认、动态管理和监督检查。',
      '第三条 申请人可以向户籍所在地或者经常居住地的乡镇人民政府（街道办事处）提出申请，也可以通过“示例市民政服务”平台在线申请。',
      '第四条 乡镇人民政府（街道办事处）应当自受理之日起三十日内作出审核确认决定；情况复杂的，可以延长至四十五日。',
      '第五条 本办法自2025年4月1日起施行，有效期五年。',
    ),
  },
  {
    title: '《示例市最低生活保障审核确认办法》政策解读',
    column: '政策解读',
    genre: '政策解读',
    topic: '民政、扶贫、救灾',
    publishedOn: '2025-03-20',
    summary: '从制定背景、主要内容和办理渠道三个方面解读新办法。',
    keywords: '最低生活保障；政策解读',
    body: p(
      '一、制定背景。原办法施行已满五年，部分审核环节与现行做法不一致，群众反映办理时间较长。',
      '二、主要内容。新办法明确了线上申请渠道，将审核确认时限统一为三十日，并规定了动态管理的频次。',
      '三、办理渠道。群众可以到乡镇人民政府（街道办事处）窗口办理，也可以在线提交申请并查询进度。',
    ),
  },
  {
    title: '示例市临时救助实施细则（2019年）',
    column: '行政规范性文件',
    genre: '行政规范性文件',
    topic: '民政、扶贫、救灾',
    publishedOn: '2019-06-05',
    writtenOn: '2019-05-28',
    docNo: '示民规〔2019〕2号',
    validity: '已废止',
    summary: '原临时救助实施细则，已被新细则替代。',
    body: p(
      '第一条 为做好临时救助工作，根据国家和省有关规定，制定本细则。',
      '第二条 临时救助对象包括急难型和支出型困难家庭或者个人。',
      '第三条 本细则自发布之日起施行。',
    ),
  },
  {
    title: '关于做好2026年冬季困难群众基本生活保障工作的通知',
    column: '民生政策',
    genre: '通知',
    topic: '民政、扶贫、救灾',
    publishedOn: '2026-11-12',
    writtenOn: '2026-11-10',
    docNo: '示民发〔2026〕23号',
    keywords: '冬季；困难群众；基本生活',
    body: p(
      '各区县民政局：',
      '为切实做好今冬明春困难群众基本生活保障工作，现就有关事项通知如下。',
      '一、全面排查。各地要对低保对象、特困人员和低保边缘家庭开展一次走访排查，及时掌握生活状况。',
      '二、及时救助。对遭遇突发困难的群众，要简化程序，先行救助，确保不发生冻饿等问题。',
      '三、加强督导。市民政局将于2026年12月下旬组织督导检查。',
    ),
  },
  {
    title: '示例市民政局2026年政府信息公开工作要点',
    column: '政府信息公开制度',
    genre: '其他',
    topic: '综合政务',
    publishedOn: '2026-03-02',
    body: p(
      '一、做好主动公开。按照法定时限公开行政规范性文件、民生政策和工作动态，做好政策解读。',
      '二、规范依申请公开。严格执行受理、补正、征求意见和答复程序，按期答复申请人。',
      '三、加强平台建设。完善政府信息公开专栏，方便群众查询和下载。',
    ),
  },
  {
    title: '示例市2026年第三季度社会救助资金使用情况',
    column: '民生政策',
    genre: '其他',
    topic: '民政、扶贫、救灾',
    publishedOn: '2026-10-15',
    keywords: '社会救助；资金',
    body: p(
      '2026年第三季度，全市共发放城乡低保金、特困人员供养金和临时救助金合计4,386万元。',
      '其中城市低保金1,205万元，农村低保金2,316万元，特困人员供养金602万元，临时救助金263万元。',
    ),
  },
];

const CITY: DemoItem[] = [
  {
    title: '示例市人民政府关于印发示例市政务公开工作实施方案的通知',
    column: '行政规范性文件',
    genre: '行政规范性文件',
    topic: '综合政务',
    publishedOn: '2026-02-16',
    writtenOn: '2026-02-10',
    docNo: '示政发〔2026〕5号',
    validity: '有效',
    summary: '印发全市政务公开工作实施方案，明确年度重点任务和责任单位。',
    keywords: '政务公开；实施方案',
    body: p(
      '各区县人民政府，市政府各部门：',
      '现将《示例市政务公开工作实施方案》印发给你们，请认真贯彻执行。',
      '一、工作目标。到2026年底，全市政府信息公开专栏全部实现标准化、规范化。',
      '二、重点任务。做好法定主动公开内容，按期公开年度报告，规范依申请公开办理。',
    ),
  },
  {
    title: '示例市2026年财政预算公开说明',
    column: '财政预决算',
    genre: '其他',
    topic: '财政、金融、审计',
    publishedOn: '2026-02-20',
    keywords: '财政预算；公开',
    body: p(
      '根据预算法和有关规定，现将示例市2026年财政预算有关情况说明如下。',
      '2026年全市一般公共预算收入预计为186.4亿元，支出预计为312.7亿元。',
    ),
  },
  {
    title: '示例市人民政府办公室关于开展2026年政务公开专项检查的通知',
    column: '监督检查',
    genre: '通知',
    topic: '综合政务',
    publishedOn: '2026-09-08',
    writtenOn: '2026-09-05',
    docNo: '示政办发〔2026〕41号',
    body: p(
      '各区县人民政府，市政府各部门：',
      '为推动政务公开工作落实，市政府决定于2026年9月至10月开展专项检查。',
      '检查内容包括政府信息公开专栏建设、主动公开时限、依申请公开答复和年度报告编制等。',
    ),
  },
];

async function importFor(s: Services, agencyCode: string, items: DemoItem[]): Promise<number> {
  const agency = await s.db
    .selectFrom('agencies')
    .select(['id', 'code'])
    .where('code', '=', agencyCode)
    .executeTakeFirst();
  if (!agency) return 0;
  const pattern = effectiveIndexNoPattern(await getDisclosureSettings(s.db, agency.id));
  const serials = new Map<number, number>();
  const rows = [...items]
    .sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : 1))
    .map(({ publishedOn, ...item }) => {
      const year = Number(publishedOn.slice(0, 4));
      const serial = (serials.get(year) ?? 0) + 1;
      serials.set(year, serial);
      return {
        ...item,
        publishedOn,
        bodyFormat: 'html',
        indexNo: formatIndexNo(pattern, {
          code: agency.code,
          year,
          month: Number(publishedOn.slice(5, 7)),
          serial,
        }),
      };
    });
  const result = await importPublications(
    { services: s, actor: systemActor(), principal: null },
    {
      agencyId: agency.id,
      file: { name: `demo-${agency.code}.json`, bytes: Buffer.from(JSON.stringify(rows)) },
      attachments: null,
      dryRun: false,
      allowFindings: null,
    },
  );
  if (!result.ok)
    throw new Error(
      `demo content of ${agency.code} not imported: ${result.problems.map((x) => `${x.where} ${x.field ?? ''} ${x.message}`).join('; ')}`,
    );
  return rows.length;
}

/** Publishes the demo items (once: nothing when the platform already holds publications). Returns how many. */
export async function seedDemoContent(s: Services): Promise<number> {
  const any = await s.db.selectFrom('publications').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  return (
    (await importFor(s, '11510100DEMO00001X', CITY)) + (await importFor(s, '11510100DEMO00002X', CITY_MZ))
  );
}
