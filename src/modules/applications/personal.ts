/**
 * The applicant's personal data (条例第二十九条第二款第（一）项: 姓名或者名称、身份证明、联系方式, plus the
 * organisation's 法定代表人 and 联系人 and an agent's details): read from a form with Chinese field messages,
 * sealed as one SM4 envelope per case (platform/crypto), and matched across cases only through keyed blind
 * indexes — of the normalised document number (or 统一社会信用代码), and of name + phone — so 按件 fee
 * counting and the 重复申请 flag never decrypt anything.
 *
 * Messages name the field and never repeat the value (identity.ts); nothing here logs.
 */
import type { Config } from '../../config.js';
import { PersonalDataCipher } from '../../platform/crypto/personal-data.js';
import type { FieldErrors } from '../../platform/errors.js';
import { type Input, readBool, readChoice, readChoices, readText } from '../../platform/validate.js';
import { foldWidth } from '../checks/normalize.js';
import {
  APPLICANT_KIND_CODES,
  type ApplicantKind,
  applicantKindInfo,
  DELIVERY_METHODS,
  type DeliveryMethod,
  ID_DOCUMENT_KINDS,
  type IdDocumentKind,
  INFORMATION_FORMS,
  type InformationForm,
} from './codes.js';
import {
  type Validated,
  validateCreditCode,
  validateDocumentNumber,
  validateEmail,
  validateLandline,
  validatePhone,
  validatePostalCode,
} from './identity.js';

export interface AgentData {
  name: string;
  idKind: IdDocumentKind;
  idNumber: string;
  phone: string;
}

export interface ApplicantData {
  /** 姓名 (自然人) or 名称 (法人或其他组织). */
  name: string;
  workUnit: string | null;
  /** 自然人: the identity document. */
  idKind: IdDocumentKind | null;
  idNumber: string | null;
  /** 法人或其他组织. */
  creditCode: string | null;
  noCreditCodeReason: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  phone: string;
  email: string | null;
  fax: string | null;
  address: string | null;
  postalCode: string | null;
  /** Someone applying on the applicant's behalf (委托), with the authorisation attached. */
  agent: AgentData | null;
}

/** Field names of ApplicantData that are personal, for the audit trail's redaction if one ever slips in. */
export const APPLICANT_PERSONAL_FIELDS = [
  'name',
  'applicantName',
  'workUnit',
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
  'agent',
  'addresseeName',
];

export interface InformationRequest {
  description: string;
  title: string | null;
  docNo: string | null;
  indexNo: string | null;
  purpose: string | null;
  forms: InformationForm[];
  deliveryMethods: DeliveryMethod[];
  acceptOtherForm: boolean;
}

function check(fe: FieldErrors, field: string, r: Validated): string | null {
  if (r.ok) return r.value;
  fe.add(field, r.message);
  return null;
}

/** 所需信息: 第二十九条第二款第（二）、（三）项. */
export function readInformation(fe: FieldErrors, input: Input): InformationRequest {
  const description = readText(fe, input, 'infoDescription', '所需信息的内容描述', {
    required: true,
    max: 2000,
  });
  const title = readText(fe, input, 'infoTitle', '所需信息的名称', { max: 200 });
  const docNo = readText(fe, input, 'infoDocNo', '所需信息的文号', { max: 100 });
  const indexNo = readText(fe, input, 'infoIndexNo', '所需信息的索引号', { max: 100 });
  const purpose = readText(fe, input, 'infoPurpose', '所需信息的用途', { max: 500 });
  const forms = readChoices(fe, input, 'informationForms', '所需信息的指定提供方式', INFORMATION_FORMS);
  const deliveryMethods = readChoices(fe, input, 'deliveryMethods', '获取信息的方式', DELIVERY_METHODS);
  if (deliveryMethods.length === 0 && !fe.list.some((e) => e.field === 'deliveryMethods'))
    fe.add('deliveryMethods', '请至少选择一种获取信息的方式');
  return {
    description,
    title: title || null,
    docNo: docNo || null,
    indexNo: indexNo || null,
    purpose: purpose || null,
    forms,
    deliveryMethods,
    acceptOtherForm: readBool(input, 'acceptOtherForm'),
  };
}

/**
 * 申请人信息. `today` bounds birth dates in 身份证 numbers; the delivery methods chosen make the matching
 * contact fields required (e-mail for 电子邮件, address for 邮寄/快递, fax number for 传真).
 */
export function readApplicant(
  fe: FieldErrors,
  input: Input,
  opts: { today: string; deliveryMethods: readonly DeliveryMethod[]; forms?: readonly InformationForm[] },
): { kind: ApplicantKind | null; data: ApplicantData } {
  const kind = readChoice(fe, input, 'applicantKind', '申请人类型', APPLICANT_KIND_CODES);
  const person = kind === null || applicantKindInfo(kind).category === 'person';
  const name = readText(fe, input, 'name', person ? '申请人姓名' : '申请单位名称', {
    required: true,
    max: 100,
  });
  const data: ApplicantData = {
    name,
    workUnit: null,
    idKind: null,
    idNumber: null,
    creditCode: null,
    noCreditCodeReason: null,
    legalRepresentative: null,
    contactName: null,
    phone: '',
    email: null,
    fax: null,
    address: null,
    postalCode: null,
    agent: null,
  };
  if (person) {
    data.workUnit = readText(fe, input, 'workUnit', '工作单位', { max: 100 }) || null;
    data.idKind = readChoice(fe, input, 'idKind', '证件类型', ID_DOCUMENT_KINDS);
    if (data.idKind)
      data.idNumber = check(fe, 'idNumber', validateDocumentNumber(data.idKind, input.idNumber, opts));
  } else {
    const raw = typeof input.creditCode === 'string' ? input.creditCode.trim() : '';
    if (raw) data.creditCode = check(fe, 'creditCode', validateCreditCode(raw));
    else
      data.noCreditCodeReason =
        readText(fe, input, 'noCreditCodeReason', '无统一社会信用代码的原因', { max: 200 }) || null;
    if (!raw && !data.noCreditCodeReason && !fe.list.some((e) => e.field === 'noCreditCodeReason'))
      fe.add('creditCode', '请填写统一社会信用代码；没有统一社会信用代码的，请说明原因');
    data.legalRepresentative =
      readText(fe, input, 'legalRepresentative', '法定代表人或负责人', { required: true, max: 50 }) || null;
    data.contactName = readText(fe, input, 'contactName', '联系人姓名', { required: true, max: 50 }) || null;
  }
  data.phone = check(fe, 'phone', validatePhone(input.phone)) ?? '';
  const wantsEmail = opts.deliveryMethods.includes('email') || !!opts.forms?.includes('email');
  const email = typeof input.email === 'string' ? input.email.trim() : '';
  if (email || wantsEmail)
    data.email = check(
      fe,
      'email',
      email ? validateEmail(email) : { ok: false, message: '选择以电子邮件获取信息的，请填写电子邮箱' },
    );
  const fax = typeof input.fax === 'string' ? input.fax.trim() : '';
  if (fax || opts.deliveryMethods.includes('fax'))
    data.fax = check(
      fe,
      'fax',
      fax
        ? validateLandline(fax, '传真号码')
        : { ok: false, message: '选择以传真获取信息的，请填写传真号码' },
    );
  const needsAddress = opts.deliveryMethods.some((m) => m === 'post' || m === 'courier');
  // Required for 邮寄/快递: readText then says 「请填写通信地址」.
  data.address = readText(fe, input, 'address', '通信地址', { required: needsAddress, max: 200 }) || null;
  const postal = typeof input.postalCode === 'string' ? input.postalCode.trim() : '';
  if (postal) data.postalCode = check(fe, 'postalCode', validatePostalCode(postal));

  if (readBool(input, 'hasAgent')) {
    const agentName = readText(fe, input, 'agentName', '代理人姓名', { required: true, max: 100 });
    const agentIdKind = readChoice(fe, input, 'agentIdKind', '代理人证件类型', ID_DOCUMENT_KINDS);
    const agentIdNumber = agentIdKind
      ? check(
          fe,
          'agentIdNumber',
          validateDocumentNumber(agentIdKind, input.agentIdNumber, {
            today: opts.today,
            label: '代理人证件号码',
          }),
        )
      : null;
    const agentPhone = check(fe, 'agentPhone', validatePhone(input.agentPhone, '代理人联系电话'));
    if (agentName && agentIdKind && agentIdNumber && agentPhone)
      data.agent = { name: agentName, idKind: agentIdKind, idNumber: agentIdNumber, phone: agentPhone };
  }
  return { kind, data };
}

// ---------------------------------------------------------------------------------------------------------
// Sealing and matching

const ciphers = new Map<string, PersonalDataCipher>();

/** The process's cipher for the configured keys (built once per key set). */
export function personalDataCipher(config: Pick<Config, 'personalDataKey' | 'personalDataPreviousKeys'>) {
  if (!config.personalDataKey) throw new Error('PERSONAL_DATA_KEY is not configured');
  const id = [config.personalDataKey, ...config.personalDataPreviousKeys].join(',');
  let c = ciphers.get(id);
  if (!c) {
    c = new PersonalDataCipher(config.personalDataKey, config.personalDataPreviousKeys);
    ciphers.set(id, c);
  }
  return c;
}

/** The envelope is bound to its case: copied onto another row it does not open. */
const aad = (caseId: string) => `application_cases:${caseId}`;

export function sealApplicant(
  cipher: PersonalDataCipher,
  caseId: string,
  data: ApplicantData,
): { envelope: string; keyId: string } {
  return { envelope: cipher.seal(JSON.stringify(data), aad(caseId)), keyId: cipher.keyId };
}

export function openApplicant(cipher: PersonalDataCipher, caseId: string, envelope: string): ApplicantData {
  return JSON.parse(cipher.open(envelope, aad(caseId))) as ApplicantData;
}

/** Width folded, blanks and common punctuation removed, ASCII lower-cased: how names are compared. */
export function normaliseName(s: string): string {
  return foldWidth(s)
    .replace(/[\s·.,，。()（）-]+/g, '')
    .toLowerCase();
}

export interface ApplicantIndexes {
  /** Same document (or 统一社会信用代码): null when the organisation has none. */
  idIndex: string | null;
  /** Same name and same phone number. */
  contactIndex: string;
}

export function applicantIndexes(cipher: PersonalDataCipher, d: ApplicantData): ApplicantIndexes {
  let idIndex: string | null = null;
  if (d.idKind && d.idNumber) idIndex = cipher.blindIndex('applicant-id', `${d.idKind}:${d.idNumber}`);
  else if (d.creditCode) idIndex = cipher.blindIndex('applicant-id', `uscc:${d.creditCode}`);
  const contactIndex = cipher.blindIndex('applicant-contact', `${normaliseName(d.name)}|${d.phone}`);
  return { idIndex, contactIndex };
}

// ---------------------------------------------------------------------------------------------------------
// 重复申请 (第三十六条第（六）项): a flag for the handler, never a decision.

function bigrams(text: string): Set<string> {
  const t = foldWidth(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
  const out = new Set<string>();
  const chars = [...t];
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) out.add(chars[0]!);
  return out;
}

/** Jaccard similarity of the character bigrams of two descriptions (0…1). */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common);
}

/** At or above this similarity, the same applicant's earlier request is flagged as a possible 重复申请. */
export const REPEAT_SIMILARITY = 0.6;

/** The text compared for 重复申请: the name of the information, its 文号 and the description. */
export function requestText(r: Pick<InformationRequest, 'title' | 'docNo' | 'description'>): string {
  return [r.title, r.docNo, r.description].filter(Boolean).join(' ');
}
