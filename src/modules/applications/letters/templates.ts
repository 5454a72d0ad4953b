/**
 * Letter templates: one per letter kind — the 征求意见书 per addressee, the 答复书 per outcome (表三 row) plus
 * the 非本机关 variant — as plain text with {{占位符}}. The platform's defaults are written here from the
 * elements of portal-and-letters.md §8–9 (our own wording); an agency's edited version (application_letter_
 * templates) replaces the default of the same key. A template is checked on save: every placeholder must be
 * one the letter kind provides, named in Chinese in the error.
 *
 * Text conventions (render.ts): the title is one line; the body is one paragraph per line; a line that starts
 * with 一、二、… is a 小标题; a line whose placeholders all came out empty is left out (so an optional element
 * such as 联系电话 disappears when it is not configured); the first line is the salutation (no indent).
 */
import type { FieldError } from '../../../platform/errors.js';
import { OUTCOME_CODES, OUTCOMES, type OutcomeCode, type OutcomeGroup, outcomeInfo } from '../codes.js';
import type { LetterKind } from '../letters.js';

export type TemplateKey =
  | 'receipt'
  | 'correctionNotice'
  | 'opinionRequest.thirdParty'
  | 'opinionRequest.agency'
  | 'consultationNotice'
  | 'extensionNotice'
  | 'feeNotice'
  | 'reply.notOurs'
  | `reply.${OutcomeCode}`;

export const TEMPLATE_KEYS: readonly TemplateKey[] = [
  'receipt',
  'correctionNotice',
  'opinionRequest.thirdParty',
  'opinionRequest.agency',
  'consultationNotice',
  'extensionNotice',
  'feeNotice',
  ...OUTCOME_CODES.map((c) => `reply.${c}` as const),
  'reply.notOurs',
];

export function isTemplateKey(s: string): s is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(s);
}

export function letterKindOf(key: TemplateKey): LetterKind {
  if (key.startsWith('reply.')) return 'reply';
  if (key.startsWith('opinionRequest.')) return 'opinionRequest';
  return key as LetterKind;
}

/** The template's name in the editor. */
export function templateLabel(key: TemplateKey): string {
  switch (key) {
    case 'receipt':
      return '受理回执';
    case 'correctionNotice':
      return '补正申请告知书';
    case 'opinionRequest.thirdParty':
      return '征求意见书（致第三方）';
    case 'opinionRequest.agency':
      return '征求意见书（致共同制作或相关机关）';
    case 'consultationNotice':
      return '征求意见告知书（致申请人）';
    case 'extensionNotice':
      return '延期答复告知书';
    case 'feeNotice':
      return '收费通知书';
    case 'reply.notOurs':
      return '答复书：无法提供（非本机关负责公开，告知负责机关）';
    case 'reply.otherHandling.correctionOverdue':
      return '视为放弃申请告知书：逾期不补正（系统办结时自动发出）';
    case 'reply.otherHandling.feeUnpaid':
      return '视为放弃申请告知书：逾期未缴费（系统办结时自动发出）';
    default:
      return `答复书：${outcomeInfo(key.slice('reply.'.length) as OutcomeCode).shortLabel}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Placeholders

export interface PlaceholderInfo {
  /** What it is replaced with, for the editor's table. */
  description: string;
  /** Used in the editor's preview. */
  sample: string;
  /** The letter kinds it is available in; absent: every kind. */
  kinds?: readonly LetterKind[];
  /** Filled from the applicant's personal data (decrypted when the document is generated). */
  personal?: boolean;
}

const TO_APPLICANT_KINDS: readonly LetterKind[] = [
  'receipt',
  'correctionNotice',
  'consultationNotice',
  'extensionNotice',
  'feeNotice',
  'reply',
];

export const PLACEHOLDERS = {
  机关名称: { description: '本机关名称（落款机关）', sample: '示例市民政局' },
  文号: {
    description: '本文书的编号，审签或发出时编定，如〔2026〕第12号',
    sample: '示民信公开〔2026〕第12号',
  },
  日期: { description: '发文日期（发出日期；草稿为今天）', sample: '2026年3月20日' },
  申请编号: { description: '申请的编号', sample: 'YSQ-2026-000123' },
  提交日期: { description: '申请提交（登记）的日期', sample: '2026年3月2日' },
  收到日期: { description: '收到申请之日（条例第三十一条）', sample: '2026年3月2日' },
  申请内容: {
    description: '所需信息：名称、文号和内容描述',
    sample: '关于调整城乡居民最低生活保障标准的通知（请提供2025年本市调整标准的文件及其附件）',
  },
  联系电话: {
    description: '本机关联系人及电话（在“文书设置”中填写；未填写时该行不显示）',
    sample: '政府信息公开办公室 0000-12345678',
  },
  受理机构地址: { description: '本机关受理地址（在“文书设置”中填写）', sample: '示例市人民路1号' },
  申请人: {
    description: '申请人姓名或名称（生成文书时解密填入）',
    sample: '张三',
    kinds: TO_APPLICANT_KINDS,
    personal: true,
  },
  申请人地址: {
    description: '申请人通信地址（生成文书时解密填入）',
    sample: '示例市中山路100号',
    kinds: TO_APPLICANT_KINDS,
    personal: true,
  },
  答复期限: {
    description: '答复期限届满日',
    sample: '2026年3月30日',
    kinds: ['receipt', 'consultationNotice'],
  },
  补正事项: {
    description: '需要补正的事项（逐项列出）',
    sample: '1.请写明所需信息的名称、文号或者其他特征性描述。',
    kinds: ['correctionNotice'],
  },
  补正期限: { description: '补正期限届满日', sample: '2026年3月23日', kinds: ['correctionNotice'] },
  原答复期限: { description: '延期前的答复期限', sample: '2026年3月30日', kinds: ['extensionNotice'] },
  延长工作日数: { description: '延长的工作日数', sample: '20', kinds: ['extensionNotice'] },
  新答复期限: { description: '延期后的答复期限', sample: '2026年4月28日', kinds: ['extensionNotice'] },
  延期理由: {
    description: '延期理由',
    sample: '所需信息涉及多个业务处室，需要进一步检索核实',
    kinds: ['extensionNotice'],
  },
  征求意见对象: {
    description: '被征求意见的第三方或机关名称',
    sample: '示例有限公司',
    // Not in the applicant's 征求意见告知书: the third party's identity is not the applicant's to know.
    kinds: ['opinionRequest'],
  },
  意见期限: { description: '提出意见的期限（工作日）', sample: '15', kinds: ['opinionRequest'] },
  计收方式: { description: '按件计收或按量计收', sample: '按件计收', kinds: ['feeNotice'] },
  收费金额: { description: '应缴信息处理费（元）', sample: '100', kinds: ['feeNotice'] },
  收费说明: {
    description: '计费过程',
    sample: '本月此前已提出10件，本申请为第11件，按每件100元计收。',
    kinds: ['feeNotice'],
  },
  缴费期限: { description: '缴费的期限（工作日）', sample: '20', kinds: ['feeNotice'] },
  办理结果: { description: '办理结果（年度报告表三的类别）', sample: '予以公开', kinds: ['reply'] },
  答复内容: {
    description:
      '承办人拟写的答复正文（决定、理由、提供方式）；视为放弃申请告知书中为系统写明的告知日期、文号、期限和办结日期',
    sample: '您申请获取的信息已于2025年12月1日在本机关门户网站主动公开，可通过以下网址查阅：……',
    kinds: ['reply'],
  },
  法律依据: {
    description: '答复的法律依据',
    sample: '《中华人民共和国政府信息公开条例》第三十六条第（一）项',
    kinds: ['reply'],
  },
  负责机关名称: {
    description: '负责公开该信息的机关（非本机关负责公开时）',
    sample: '示例市财政局',
    kinds: ['reply'],
  },
  负责机关联系方式: { description: '负责机关的联系方式', sample: '0000-87654321', kinds: ['reply'] },
  复议机关: {
    description: '本机关的行政复议机关（在“文书设置”中填写）',
    sample: '示例市人民政府',
    kinds: ['reply'],
  },
  救济途径: {
    description: '救济途径告知（按办理结果在“文书设置”中配置，默认文本见说明）',
    sample: '如对本答复不服，可以自收到本答复书之日起60日内向示例市人民政府申请行政复议……',
    kinds: ['reply'],
  },
} as const satisfies Record<string, PlaceholderInfo>;

export type PlaceholderName = keyof typeof PLACEHOLDERS;
export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[];

export function placeholderInfo(name: PlaceholderName): PlaceholderInfo {
  return PLACEHOLDERS[name];
}

/** The placeholders a template of this key may use. */
export function placeholdersFor(key: TemplateKey): PlaceholderName[] {
  const kind = letterKindOf(key);
  return PLACEHOLDER_NAMES.filter((n) => {
    const kinds = (PLACEHOLDERS[n] as PlaceholderInfo).kinds;
    return !kinds || kinds.includes(kind);
  });
}

const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names used in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/**
 * Checks a template's text (title or body) for the kind: unknown placeholders, placeholders of another kind,
 * unbalanced braces. Messages name the placeholder and the field.
 */
export function checkTemplateText(
  key: TemplateKey,
  field: string,
  fieldLabel: string,
  text: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const allowed = placeholdersFor(key);
  for (const name of placeholdersIn(text)) {
    if (!name) errors.push({ field, message: `${fieldLabel}中有空的占位符“{{}}”，请填写占位符名称或删除` });
    else if (!(PLACEHOLDER_NAMES as string[]).includes(name))
      errors.push({ field, message: `${fieldLabel}中的占位符“{{${name}}}”不存在，请从可用占位符中选择` });
    else if (!allowed.includes(name as PlaceholderName))
      errors.push({
        field,
        message: `${fieldLabel}中的占位符“{{${name}}}”不能用于${templateLabel(key)}`,
      });
  }
  const stripped = text.replace(PLACEHOLDER_RE, '');
  if (stripped.includes('{{') || stripped.includes('}}'))
    errors.push({
      field,
      message: `${fieldLabel}中有不完整的占位符（“{{”与“}}”须成对出现）`,
    });
  return errors;
}

/**
 * Replaces placeholders. A line whose placeholders all came out empty is dropped (optional elements); a
 * line without placeholders is kept as written.
 */
export function fillTemplate(text: string, values: Partial<Record<string, string>>): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const names = placeholdersIn(line);
      const filled = line.replace(PLACEHOLDER_RE, (_m, name: string) => values[name] ?? '');
      if (names.length > 0 && names.every((n) => !values[n])) return [];
      return [filled];
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Remedies (救济途径)

/**
 * Which remedies text an outcome takes. Since the revised 行政复议法 (in force 2024-01-01), a refusal to
 * disclose goes to reconsideration before any lawsuit (复议前置); the other outcomes keep the choice of
 * reconsideration or a lawsuit. Which outcomes count as 「不予公开」 for 复议前置 is our reading [M]: the eight
 * 不予公开 grounds and 部分公开 (its withheld part) default to the 复议前置 text.
 */
export type RemedyKey = OutcomeGroup | 'notOurs';
export const REMEDY_KEYS: readonly RemedyKey[] = [
  'disclosed',
  'partlyDisclosed',
  'withheld',
  'unavailable',
  'notOurs',
  'notProcessed',
  'otherHandling',
];

export const REMEDY_LABELS: Record<RemedyKey, string> = {
  disclosed: '予以公开',
  partlyDisclosed: '部分公开',
  withheld: '不予公开（8类）',
  unavailable: '无法提供',
  notOurs: '非本机关负责公开',
  notProcessed: '不予处理',
  otherHandling: '其他处理',
};

/** Reconsideration first: 行政复议法（2023年修订）. */
export const REMEDY_RECONSIDERATION_FIRST =
  '如对本答复不服，可以自收到本答复书之日起60日内向{{复议机关}}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼。';
/** Either remedy. */
export const REMEDY_EITHER =
  '如对本答复不服，可以自收到本答复书之日起60日内向{{复议机关}}申请行政复议，或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼。';

export const DEFAULT_REMEDIES: Record<RemedyKey, string> = {
  disclosed: REMEDY_EITHER,
  partlyDisclosed: REMEDY_RECONSIDERATION_FIRST,
  withheld: REMEDY_RECONSIDERATION_FIRST,
  unavailable: REMEDY_EITHER,
  notOurs: REMEDY_EITHER,
  notProcessed: REMEDY_EITHER,
  otherHandling: REMEDY_EITHER,
};

/** Placeholders a remedies text may use. */
export const REMEDY_PLACEHOLDERS: readonly PlaceholderName[] = ['复议机关', '机关名称'];

/** When no 复议机关 is configured the sentence still reads correctly; the editor warns. */
export const RECONSIDERATION_BODY_FALLBACK = '依法有权受理的行政复议机关';

export function remedyKeyOf(outcome: OutcomeCode, notOurs: boolean): RemedyKey {
  if (notOurs) return 'notOurs';
  return outcomeInfo(outcome).group;
}

export function checkRemedyText(field: string, label: string, text: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of placeholdersIn(text))
    if (!(REMEDY_PLACEHOLDERS as string[]).includes(name))
      errors.push({
        field,
        message: `${label}中的占位符“{{${name}}}”不能用于救济途径，只能使用{{复议机关}}和{{机关名称}}`,
      });
  const stripped = text.replace(PLACEHOLDER_RE, '');
  if (stripped.includes('{{') || stripped.includes('}}'))
    errors.push({ field, message: `${label}中有不完整的占位符（“{{”与“}}”须成对出现）` });
  return errors;
}

// ---------------------------------------------------------------------------------------------------------
// The platform's default templates

export interface LetterTemplate {
  title: string;
  body: string;
}

const RECITAL =
  '本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（申请编号：{{申请编号}}），申请获取：{{申请内容}}。';
const CONTACT = '联系电话：{{联系电话}}';

function reply(decision: string, extra: string[] = []): LetterTemplate {
  return {
    title: '{{机关名称}}政府信息公开申请答复书',
    body: [
      '{{申请人}}：',
      RECITAL,
      '经审查，现答复如下：',
      decision,
      '{{答复内容}}',
      ...extra,
      '{{救济途径}}',
      '特此告知。',
      CONTACT,
    ].join('\n'),
  };
}

const BASIS = '根据{{法律依据}}的规定';

/**
 * The notice of a case closed by the clock (逾期不补正 R21, 逾期未缴费 R22): the recital, the job's account
 * of the notice and the deadline that passed ({{答复内容}}), the consequence with its basis, that a new
 * application is still possible, the remedies of 其他处理.
 */
function closureNotice(decision: string): LetterTemplate {
  return {
    title: '{{机关名称}}政府信息公开申请告知书（视为放弃申请）',
    body: [
      '{{申请人}}：',
      RECITAL,
      '{{答复内容}}',
      decision,
      '如您仍需要获取上述政府信息，可以重新提出政府信息公开申请。',
      '{{救济途径}}',
      '特此告知。',
      CONTACT,
    ].join('\n'),
  };
}

const REPLY_DECISIONS: Record<OutcomeCode, LetterTemplate> = {
  disclosed: reply(`${BASIS}，您申请获取的政府信息予以公开。`),
  partlyDisclosed: reply(
    `${BASIS}，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，本机关向您提供可以公开的部分；不予公开部分的内容及理由说明如下。`,
  ),
  'withheld.stateSecret': reply(`您申请获取的政府信息属于国家秘密。${BASIS}，本机关决定不予公开。`),
  'withheld.prohibitedByLaw': reply(
    `您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。${BASIS}，本机关决定不予公开。`,
  ),
  'withheld.endangersSecurity': reply(
    `您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。${BASIS}，本机关决定不予公开。`,
  ),
  'withheld.thirdPartyRights': reply(
    `您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。本机关已依法书面征求第三方意见。${BASIS}，本机关决定不予公开。`,
  ),
  'withheld.internalAffairs': reply(
    `您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息。${BASIS}，本机关决定不予公开。`,
  ),
  'withheld.processInformation': reply(
    `您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。${BASIS}，本机关决定不予公开。`,
  ),
  'withheld.enforcementFiles': reply(
    `您申请获取的政府信息属于行政执法案卷信息。${BASIS}，本机关决定不予公开。`,
  ),
  'withheld.administrativeQuery': reply(
    `您申请获取的信息属于依照有关法律、行政法规的规定办理查询的事项（如工商、不动产登记资料等）。${BASIS}，请您依照有关法律、行政法规的规定向相关登记或查询机构办理。`,
  ),
  'unavailable.notHeld': reply(
    `经检索，本机关未制作或者获取您申请的政府信息。${BASIS}，现告知您该政府信息不存在。`,
  ),
  'unavailable.needsCreation': reply(
    `您申请获取的信息需要本机关对现有政府信息进行加工、分析后方能形成，本机关没有现成信息。${BASIS}，本机关不予提供。`,
  ),
  'unavailable.stillUnclear': reply(
    `本机关已告知您对申请作出补正，补正后申请内容仍不明确，本机关无法确定您所需的政府信息。${BASIS}，本机关无法向您提供。`,
  ),
  'notProcessed.petition': reply(
    `您以政府信息公开申请的形式提出的事项属于信访、投诉、举报等诉求。${BASIS}，本机关不作为政府信息公开申请处理，请您通过信访、投诉、举报等相应渠道提出。`,
  ),
  'notProcessed.repeated': reply(
    `您此前已就相同的政府信息提出申请，本机关已经作出答复。${BASIS}，本机关不予重复处理。`,
  ),
  'notProcessed.publication': reply(
    `您申请获取的是政府公报、报刊、书籍等公开出版物。${BASIS}，本机关告知您获取的途径如下。`,
  ),
  'notProcessed.excessive': reply(
    `您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理。${BASIS}，本机关不予处理。`,
  ),
  'notProcessed.confirmOrReissue': reply(
    `您的申请系要求本机关确认或者重新出具您已经获取的信息，不属于政府信息公开申请的处理范围。${BASIS}，本机关不予处理。`,
  ),
  // Written by the closing job (commands/jobs.ts), not by staff: {{答复内容}} is the job's account of the
  // notice, its deadline and the closing day; the letter is a notice of a consequence of law (视为放弃申请).
  'otherHandling.correctionOverdue': closureNotice(
    '根据{{法律依据}}关于“申请人无正当理由逾期不补正的，视为放弃申请”的规定，您的申请视为放弃，本机关不再处理该政府信息公开申请。',
  ),
  'otherHandling.feeUnpaid': closureNotice(
    '根据{{法律依据}}的规定，申请人逾期未缴纳信息处理费的，视为放弃申请，本机关不再处理该政府信息公开申请。',
  ),
  'otherHandling.other': reply(`${BASIS}，本机关对您的申请处理如下。`),
};

const DEFAULTS: Record<Exclude<TemplateKey, `reply.${OutcomeCode}`>, LetterTemplate> = {
  receipt: {
    title: '{{机关名称}}政府信息公开申请受理回执',
    body: [
      '{{申请人}}：',
      '本机关已收到您（单位）提出的政府信息公开申请，现将受理情况告知如下：',
      '一、申请编号：{{申请编号}}',
      '二、申请内容：{{申请内容}}',
      '三、收到申请之日：{{收到日期}}',
      '四、答复期限：本机关将自收到申请之日起20个工作日内予以答复，即{{答复期限}}前；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过20个工作日。申请需要补正的，答复期限自收到补正的申请之日起计算；征求第三方和其他机关意见所需时间不计算在答复期限内。',
      '五、查询方式：您可以凭申请编号和提交申请时取得的查询码，在本平台查询办理进度。',
      '特此回执。',
      CONTACT,
    ].join('\n'),
  },
  correctionNotice: {
    title: '{{机关名称}}政府信息公开补正申请告知书',
    body: [
      '{{申请人}}：',
      RECITAL,
      '经审查，您的申请内容不明确（或者不符合申请的形式要求），根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项一次性作出补正：',
      '{{补正事项}}',
      '请您于{{补正期限}}前，将补正后的申请提交本机关。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      '特此告知。',
      CONTACT,
    ].join('\n'),
  },
  'opinionRequest.thirdParty': {
    title: '{{机关名称}}政府信息公开征求意见书',
    body: [
      '{{征求意见对象}}：',
      '本机关收到一份政府信息公开申请（申请编号：{{申请编号}}），申请获取：{{申请内容}}。经审查，该信息可能涉及贵方的商业秘密、个人隐私等合法权益，公开可能会对贵方合法权益造成损害。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。',
      '请贵方自收到本征求意见书之日起{{意见期限}}个工作日内，以书面形式提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。',
      '特此函告。',
      CONTACT,
    ].join('\n'),
  },
  'opinionRequest.agency': {
    title: '{{机关名称}}政府信息公开征求意见函',
    body: [
      '{{征求意见对象}}：',
      '本机关收到一份政府信息公开申请（申请编号：{{申请编号}}），申请获取：{{申请内容}}。该信息由本机关与贵机关共同制作（或者涉及贵机关职责）。根据《中华人民共和国政府信息公开条例》第三十三条、第三十四条的规定，现征求贵机关意见。',
      '请贵机关自收到本函之日起{{意见期限}}个工作日内提出意见；逾期未提出意见的，视为同意公开。',
      '特此函告。',
      CONTACT,
    ].join('\n'),
  },
  consultationNotice: {
    title: '{{机关名称}}政府信息公开征求意见告知书',
    body: [
      '{{申请人}}：',
      RECITAL,
      '经审查，您申请获取的政府信息需要征求第三方或者其他机关的意见。根据《中华人民共和国政府信息公开条例》第三十二条、第三十三条第三款的规定，本机关已书面征求意见，征求意见所需时间不计算在答复期限内。本机关将在收到意见或者征求意见期限届满后，依法作出答复。',
      '特此告知。',
      CONTACT,
    ].join('\n'),
  },
  extensionNotice: {
    title: '{{机关名称}}政府信息公开延期答复告知书',
    body: [
      '{{申请人}}：',
      RECITAL,
      '因{{延期理由}}，本机关不能在{{原答复期限}}前作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长工作日数}}个工作日，本机关将于{{新答复期限}}前作出答复。',
      '特此告知。',
      CONTACT,
    ].join('\n'),
  },
  feeNotice: {
    title: '{{机关名称}}政府信息公开信息处理费收费通知书',
    body: [
      '{{申请人}}：',
      RECITAL,
      '您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定收取信息处理费，有关事项告知如下：',
      '一、计收方式：{{计收方式}}',
      '二、计费说明：{{收费说明}}',
      '三、应缴金额：人民币{{收费金额}}元',
      '四、缴费期限：请您自收到本通知次日起{{缴费期限}}个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      '五、缴费方式：请按本机关告知的非税收入缴款方式缴纳，并保留缴费凭证。',
      '答复期限自本机关收到费用之日起重新计算。',
      '特此通知。',
      CONTACT,
    ].join('\n'),
  },
  'reply.notOurs': reply(`您申请获取的政府信息不属于本机关负责公开。${BASIS}，现将有关情况告知如下。`, [
    '该政府信息由{{负责机关名称}}负责公开，联系方式：{{负责机关联系方式}}。',
  ]),
};

export function defaultTemplate(key: TemplateKey): LetterTemplate {
  if (key.startsWith('reply.') && key !== 'reply.notOurs')
    return REPLY_DECISIONS[key.slice('reply.'.length) as OutcomeCode];
  return DEFAULTS[key as keyof typeof DEFAULTS];
}

/** Every outcome has its own default reply. */
export const REPLY_TEMPLATE_COUNT = OUTCOMES.length + 1;
