/**
 * One letter of a case as a Word file (.docx): the agency's template for the letter (or the platform's
 * default) filled with the case's data, the letter's own data (content_json), its number as stored, and —
 * for letters to the applicant — the applicant's name and address, decrypted here, at generation time, and
 * never logged or stored. A 征求意见书 goes to a third party or another agency and carries nothing of the
 * applicant's personal data (portal-and-letters.md §9.2).
 *
 * Layout (GB/T 9704 公文 proportions, [M] in the README): A4, margins 37/35/28/26 mm, title in 小标宋 (宋体
 * fallback) 二号 centred, the number centred below it, body 仿宋 三号 with a two-character first-line indent
 * and fixed 28 pt lines, 小标题 (lines starting 一、二、…) in 黑体, the agency's name and the date as 落款
 * on the right.
 *
 * A letter that has been sent is fixed: the first time it is rendered after sending, its bytes go to the
 * applications' sealed store (sealed-files.ts: SM4, bound to the letter's id) and its row records their
 * SHA-256 (file_sha256); later downloads return those bytes, so editing a template afterwards never
 * changes a letter the applicant already received. (The
 * retention job may erase that file with the personal data; the letter is then generated again without it.)
 */
import { createHash } from 'node:crypto';
import {
  AlignmentType,
  Document,
  type IRunOptions,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  TextRun,
} from 'docx';
import { AppError } from '../../../platform/errors.js';
import { chinaToday, formatChineseDate, type LegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { type ApplicationCase, type Letter, toCase, toLetter } from '../applications.js';
import { findCase, findLetter } from '../applications.repository.js';
import { type OutcomeCode, outcomeInfo } from '../codes.js';
import { LETTER_KIND_LABELS, type LetterKind } from '../letters.js';
import { openApplicant, personalDataCipher } from '../personal.js';
import { readSealed, writeSealed } from '../sealed-files.js';
import { getLetterSettings, getTemplate, type LetterSettings } from './letter-store.js';
import { fillTemplate, RECONSIDERATION_BODY_FALLBACK, remedyKeyOf, type TemplateKey } from './templates.js';

export interface RenderedLetter {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  /** The document contains the applicant's personal data (the download is then audited). */
  containsPersonalData: boolean;
}

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Letters to the applicant carry the applicant's name and address; a 征求意见书 carries none. */
export function letterHasPersonalData(kind: LetterKind): boolean {
  return kind !== 'opinionRequest';
}

/** The template a letter is written from. */
export function templateKeyOf(letter: Pick<Letter, 'kind' | 'outcome' | 'content'>): TemplateKey {
  if (letter.kind === 'reply') {
    if (letter.content.notOurs) return 'reply.notOurs';
    return `reply.${(letter.outcome ?? 'otherHandling.other') as OutcomeCode}`;
  }
  if (letter.kind === 'opinionRequest')
    return letter.content.addresseeKind === 'agency' ? 'opinionRequest.agency' : 'opinionRequest.thirdParty';
  return letter.kind;
}

const date = (d: unknown): string =>
  typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? formatChineseDate(d as LegalDate) : '';
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function requestSummary(c: ApplicationCase): string {
  const named = [c.info.title ? `《${c.info.title}》` : '', c.info.docNo ?? ''].filter(Boolean).join('');
  const desc = c.info.description.trim();
  return named ? `${named}（${desc}）` : desc;
}

/** The values of every placeholder for this letter (personal ones only when `applicant` is given). */
export function letterValues(args: {
  agencyName: string;
  c: ApplicationCase;
  letter: Letter;
  settings: LetterSettings;
  today: LegalDate;
  applicant: { name: string; address: string | null } | null;
  addresseeName: string | null;
}): Record<string, string> {
  const { agencyName, c, letter, settings, applicant } = args;
  const content = letter.content;
  const v: Record<string, string> = {
    机关名称: agencyName,
    文号: letter.number ?? '',
    日期: formatChineseDate(letter.sentOn ?? args.today),
    申请编号: c.trackingNo,
    // An instant: its day in China, not in UTC.
    提交日期: formatChineseDate(chinaToday(new Date(c.submittedAt))),
    收到日期: date(c.receivedOn),
    申请内容: requestSummary(c),
    联系电话: settings.contactLine ?? '',
    受理机构地址: settings.address ?? '',
    申请人: applicant?.name ?? '',
    申请人地址: applicant?.address ?? '',
  };
  switch (letter.kind) {
    case 'receipt':
      v.答复期限 = date(content.dueOn ?? c.clock.dueOn);
      break;
    case 'correctionNotice': {
      const items = Array.isArray(content.items) ? content.items.map(text).filter(Boolean) : [];
      v.补正事项 = items.map((it, i) => `${i + 1}.${it}`).join('\n');
      v.补正期限 = date(content.deadline);
      break;
    }
    case 'extensionNotice':
      v.原答复期限 = date(content.previousDueOn);
      v.新答复期限 = date(content.newDueOn);
      v.延长工作日数 = text(content.workdays);
      v.延期理由 = text(content.reason);
      break;
    case 'opinionRequest':
      v.征求意见对象 = args.addresseeName ?? '';
      v.意见期限 = text(content.answerWorkdays ?? 15);
      break;
    case 'consultationNotice':
      v.答复期限 = date(content.dueOnWithoutAnswer);
      break;
    case 'feeNotice':
      v.计收方式 = content.mode === 'perPage' ? '按量计收' : '按件计收';
      v.收费金额 = text(content.amount);
      v.收费说明 = Array.isArray(content.explanation) ? content.explanation.map(text).join('') : '';
      v.缴费期限 = text(content.paymentWorkdays ?? 20);
      break;
    case 'reply': {
      const outcome = (letter.outcome ?? 'otherHandling.other') as OutcomeCode;
      const notOurs = (content.notOurs ?? null) as { name?: string; contact?: string } | null;
      const body = settings.reconsiderationBody ?? RECONSIDERATION_BODY_FALLBACK;
      v.办理结果 = outcomeInfo(outcome).shortLabel;
      v.答复内容 = text(content.text);
      v.法律依据 = letter.legalBasis ?? '';
      v.负责机关名称 = notOurs?.name ?? c.notOurs?.name ?? '';
      v.负责机关联系方式 = notOurs?.contact ?? c.notOurs?.contact ?? '';
      v.复议机关 = body;
      v.救济途径 = fillTemplate(settings.remedies[remedyKeyOf(outcome, !!notOurs)], {
        复议机关: body,
        机关名称: agencyName,
      });
      break;
    }
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// Document

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
const SIZE_BODY = 32; // 三号 16 pt, in half-points
const SIZE_TITLE = 44; // 二号 22 pt
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt
const MM = 56.7; // twips per millimetre

const HEADING_RE = /^[一二三四五六七八九十]+、/;

function run(t: string, font: IRunOptions['font'], size = SIZE_BODY): TextRun {
  return new TextRun({ text: t, font, size });
}

export interface LetterDocument {
  title: string;
  number: string;
  draft: boolean;
  paragraphs: string[];
  signature: string;
  date: string;
}

export async function buildDocx(d: LetterDocument): Promise<Buffer> {
  const children: Paragraph[] = [];
  if (d.draft)
    children.push(
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [run('（草稿，未审签）', HEITI)] }),
    );
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 280, line: 800, lineRule: LineRuleType.EXACT },
      children: [run(d.title, TITLE_FONT, SIZE_TITLE)],
    }),
  );
  if (d.number)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...LINE, after: 280 },
        children: [run(d.number, FANGSONG)],
      }),
    );
  d.paragraphs.forEach((p, i) => {
    const heading = HEADING_RE.test(p);
    children.push(
      new Paragraph({
        spacing: LINE,
        alignment: AlignmentType.JUSTIFIED,
        indent: i === 0 ? undefined : { firstLine: 640 },
        children: [run(p, heading ? HEITI : FANGSONG)],
      }),
    );
  });
  children.push(new Paragraph({ spacing: LINE, children: [] }));
  for (const line of [d.signature, d.date])
    children.push(
      new Paragraph({
        spacing: LINE,
        alignment: AlignmentType.RIGHT,
        indent: { right: 640 },
        children: [run(line, FANGSONG)],
      }),
    );
  const doc = new Document({
    creator: 'gongkai',
    title: d.title,
    styles: { default: { document: { run: { font: FANGSONG, size: SIZE_BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** File names carry the kind, the tracking number and the letter's serial — never the applicant's name. */
function fileNameOf(c: ApplicationCase, letter: Letter): string {
  const serial = letter.year && letter.serial ? `-${letter.year}-${letter.serial}` : '-草稿';
  return `${LETTER_KIND_LABELS[letter.kind]}-${c.trackingNo}${serial}.docx`;
}

/**
 * The .docx of one letter of the case. 404 when the letter is not the case's. Access control is the
 * caller's (the staff route checks the case is readable; the public route that the letter went to the
 * applicant).
 */
export async function renderLetter(
  services: Services,
  caseId: string,
  letterId: string,
): Promise<RenderedLetter> {
  const [caseRow, letterRow] = await Promise.all([
    findCase(services.db, caseId),
    findLetter(services.db, letterId),
  ]);
  if (!caseRow || !letterRow || letterRow.case_id !== caseId)
    throw new AppError('not_found', '该文书不存在。');
  const c = toCase(caseRow);
  const letter = toLetter(letterRow);
  const fixed = letterRow.status === 'sent';
  if (fixed && letterRow.file_sha256) {
    // Sealed (sealed-files.ts), or the clear file of an earlier install; altered → refused, never re-rendered.
    const stored = await readSealed(services.config, 'letter', letterId, letterRow.file_sha256);
    if (stored)
      return {
        fileName: fileNameOf(c, letter),
        contentType: DOCX_CONTENT_TYPE,
        bytes: stored,
        containsPersonalData: letterHasPersonalData(letter.kind),
      };
  }
  const [agency, settings, template] = await Promise.all([
    services.db.selectFrom('agencies').select('name').where('id', '=', c.agencyId).executeTakeFirstOrThrow(),
    getLetterSettings(services.db, c.agencyId),
    getTemplate(services.db, c.agencyId, templateKeyOf(letter)),
  ]);
  let addresseeName: string | null = null;
  const consultationId =
    typeof letter.content.consultationId === 'string' ? letter.content.consultationId : null;
  if (consultationId) {
    const row = await services.db
      .selectFrom('application_consultations')
      .select('addressee_name')
      .where('id', '=', consultationId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    addresseeName = row?.addressee_name ?? null;
  }
  // The applicant's data only in letters addressed to the applicant.
  const toApplicant = letterHasPersonalData(letter.kind);
  let applicant: { name: string; address: string | null } | null = null;
  if (toApplicant) {
    const data = openApplicant(personalDataCipher(services.config), caseId, caseRow.pii_envelope);
    applicant = { name: data.name, address: data.address };
  }
  const today = chinaToday(services.clock.now());
  const values = letterValues({
    agencyName: agency.name,
    c,
    letter,
    settings,
    today,
    applicant,
    addresseeName,
  });
  const title = fillTemplate(template.title, values).trim() || LETTER_KIND_LABELS[letter.kind];
  const paragraphs = fillTemplate(template.body, values)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let bytes = await buildDocx({
    title,
    number: letter.number ?? '',
    draft: letter.status === 'draft',
    paragraphs,
    signature: agency.name,
    date: values.日期!,
  });
  if (fixed && !letterRow.file_sha256) {
    // The first rendering after sending is the letter as sent, sealed under the letter's id (it carries the
    // applicant's name and address). A concurrent first rendering, or one that died before recording its
    // file, got there first: its file is the letter as sent.
    let frozen = bytes;
    if (!(await writeSealed(services.config, 'letter', letterId, frozen, { exclusive: true }))) {
      const first = await readSealed(services.config, 'letter', letterId, null);
      if (first) frozen = first;
    }
    await services.db
      .updateTable('application_letters')
      .set({ file_sha256: createHash('sha256').update(frozen).digest('hex') })
      .where('id', '=', letterId)
      .where('file_sha256', 'is', null)
      .execute();
    bytes = frozen;
  }
  return {
    fileName: fileNameOf(c, letter),
    contentType: DOCX_CONTENT_TYPE,
    bytes,
    containsPersonalData: applicant !== null,
  };
}
