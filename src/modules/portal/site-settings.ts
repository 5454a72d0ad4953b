/**
 * The site identity of the platform, as a Chinese government site shows it (portal-and-letters.md
 * §3, §5): the name and public address, the identifiers site monitoring reads from `<head>`
 * (SiteName, SiteDomain, SiteIDCode) and the footer's 网站标识码, ICP备案号, 公安备案号, 党政机关
 * 标识, 主办/承办单位, contacts and links. One set per platform, edited by platform admins
 * (`/admin/site`); every value is optional and not shown while unset.
 *
 * No I/O here: the reader that checks an admin's input (Chinese messages naming each field) and
 * the links the footer builds from the stored numbers.
 */
import { AppError, FieldErrors } from '../../platform/errors.js';
import { type Input, readText } from '../../platform/validate.js';

export interface FooterLink {
  label: string;
  /** https://… or a path of this site (/…). */
  url: string;
}

export interface SiteSettings {
  /** null: the configured PLATFORM_NAME. */
  siteName: string | null;
  /** https://gk.example.gov.cn (no trailing slash): absolute Url tag, canonical links, QR codes. */
  baseUrl: string | null;
  /** 网站标识码 (SiteIDCode). */
  siteIdCode: string | null;
  /** SiteDomain; when unset the host of baseUrl is used. */
  siteDomain: string | null;
  /** ICP备案号, e.g. 闽ICP备09032658号-1. */
  icpNo: string | null;
  /** 公安备案号, e.g. 京公网安备11010202008000号. */
  psbNo: string | null;
  /** The site's id in the 党政机关网站标识 register (bszs.conac.cn). */
  conacId: string | null;
  /** 主办单位. */
  hostOrg: string | null;
  /** 承办单位. */
  operatorOrg: string | null;
  /** 运维/联系电话. */
  contactPhone: string | null;
  address: string | null;
  footerLinks: FooterLink[];
}

export type SiteSettingsRecord = SiteSettings & { updatedAt: string | null };

export const EMPTY_SITE_SETTINGS: SiteSettingsRecord = {
  siteName: null,
  baseUrl: null,
  siteIdCode: null,
  siteDomain: null,
  icpNo: null,
  psbNo: null,
  conacId: null,
  hostOrg: null,
  operatorOrg: null,
  contactPhone: null,
  address: null,
  footerLinks: [],
  updatedAt: null,
};

/** The form's fields in display order, with their Chinese labels (the messages name them). */
export const SITE_FIELD_LABELS = {
  siteName: '网站名称',
  baseUrl: '网站地址',
  siteDomain: '网站域名',
  siteIdCode: '网站标识码',
  icpNo: 'ICP备案号',
  psbNo: '公安备案号',
  conacId: '党政机关标识',
  hostOrg: '主办单位',
  operatorOrg: '承办单位',
  contactPhone: '联系电话',
  address: '地址',
  footerLinks: '底部链接',
} as const satisfies Record<keyof SiteSettings, string>;

export const FOOTER_LINKS_MAX = 12;

/** The abbreviations of the 31 provincial-level regions that issue ICP and 公安 registrations. */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

/** 闽ICP备09032658号, 陕ICP备12345678号-1 (MIIT: province, ICP备, number, optional site serial). */
export const ICP_PATTERN = new RegExp(`^[${PROVINCES}]ICP备\\d{4,12}号(?:-\\d{1,3})?$`);
/** 京公网安备11010202008000号: province, 公网安备, 14 digits (6-digit area code + serial). */
export const PSB_PATTERN = new RegExp(`^[${PROVINCES}]公网安备(\\d{14})号$`);
/** 网站标识码: 10 digits (e.g. 3590000001); State Council departments' sites use bm + 8 digits. */
export const SITE_ID_CODE_PATTERN = /^(?:\d{10}|bm\d{8})$/;
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const CONAC_ID = /^[A-Za-z0-9]{1,64}$/;
const PHONE = /^[0-9０-９ ()（）+＋\-－—、，,转]+$/;

/** The ICP register's public search page (the footer links the number there). */
export const ICP_LINK = 'https://beian.miit.gov.cn/';

/** The 全国互联网安全管理服务平台 page of a 公安备案号. */
export function psbLink(psbNo: string): string | null {
  const digits = PSB_PATTERN.exec(psbNo)?.[1];
  return digits ? `https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${digits}` : null;
}

/** The 党政机关网站标识 page of a registered site. */
export function conacLink(id: string): string {
  return `https://bszs.conac.cn/sitename?method=show&id=${encodeURIComponent(id)}`;
}

/** The host of the base URL: SiteDomain when none is set. */
export function siteDomainOf(s: Pick<SiteSettings, 'siteDomain' | 'baseUrl'>): string | null {
  if (s.siteDomain) return s.siteDomain;
  if (!s.baseUrl) return null;
  try {
    return new URL(s.baseUrl).host;
  } catch {
    return null;
  }
}

/** `https://host/path` → the same with no trailing slash; null when it is not a usable https address. */
function normalizeHttps(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return null;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** A footer link's address: https://… or a path of this site. */
function linkUrl(raw: string): string | null {
  if (raw.startsWith('/') && !raw.startsWith('//') && !/[\s\\<>"]/.test(raw)) return raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) return null;
  return url.href;
}

/** The 党政机关 标识 id, typed alone or as the link copied from bszs.conac.cn. */
function conacIdOf(raw: string): string | null {
  if (CONAC_ID.test(raw)) return raw;
  try {
    const url = new URL(raw);
    const id = url.searchParams.get('id');
    if (url.hostname.endsWith('conac.cn') && id && CONAC_ID.test(id)) return id;
  } catch {}
  return null;
}

/** Newlines and other control characters: never part of a one-line value. */
function hasControl(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** One line per link: 名称 | 地址. Blank lines are skipped. */
export function formatFooterLinks(links: FooterLink[]): string {
  return links.map((l) => `${l.label} | ${l.url}`).join('\n');
}

function readFooterLinks(fe: FieldErrors, raw: unknown): FooterLink[] {
  const field = 'footerLinks';
  const label = SITE_FIELD_LABELS.footerLinks;
  let lines: string[];
  if (raw === undefined || raw === null || raw === '') return [];
  if (typeof raw === 'string') {
    if (raw.length > 4000) {
      fe.add(field, `${label}内容过长`);
      return [];
    }
    lines = raw.split(/\r?\n/);
  } else if (Array.isArray(raw)) {
    // JSON: [{label, url}] (or the same lines as strings).
    lines = raw.map((x) => {
      if (typeof x === 'string') return x;
      const o = (x ?? {}) as { label?: unknown; url?: unknown };
      return typeof o.label === 'string' && typeof o.url === 'string' ? `${o.label}|${o.url}` : '\u0000';
    });
  } else {
    fe.add(field, `${label}应为文本（每行一个“名称 | 地址”）`);
    return [];
  }
  const links: FooterLink[] = [];
  lines.forEach((line, i) => {
    const text = line.trim();
    if (!text) return;
    const at = `${label}第${i + 1}行`;
    const bar = text.search(/[|｜]/);
    if (bar < 0 || text.includes('\u0000')) {
      fe.add(field, `${at}：应写作“名称 | 地址”，如“联系我们 | https://gk.example.gov.cn/lxwm”`);
      return;
    }
    const name = text.slice(0, bar).trim();
    const address = text.slice(bar + 1).trim();
    if (!name) fe.add(field, `${at}：请填写链接名称`);
    else if ([...name].length > 20) fe.add(field, `${at}：链接名称不能超过20个字`);
    const url = linkUrl(address);
    if (!url || url.length > 500) fe.add(field, `${at}：地址应以 https:// 开头，或是本站以“/”开头的路径`);
    if (name && [...name].length <= 20 && url && url.length <= 500) links.push({ label: name, url });
  });
  if (links.length > FOOTER_LINKS_MAX) fe.add(field, `${label}最多${FOOTER_LINKS_MAX}个`);
  return links;
}

/**
 * Checks an admin's input (form fields or JSON, same names as SiteSettings; footerLinks as lines
 * “名称 | 地址” or an array of {label, url}). Throws a validation AppError naming every bad field.
 */
export function readSiteSettings(input: Input): SiteSettings {
  const fe = new FieldErrors();
  const L = SITE_FIELD_LABELS;
  /** One single-line text field; '' → null. */
  const line = (field: keyof typeof L, max: number) => {
    const raw = input[field];
    if (typeof raw === 'string' && hasControl(raw.trim())) {
      fe.add(field, `${L[field]}不能包含换行或控制字符`);
      return null;
    }
    return readText(fe, input, field, L[field], { max }) || null;
  };
  /** A registration number: spaces removed (they are often pasted in), then checked. */
  const compact = (field: keyof typeof L, max: number) => line(field, max)?.replace(/\s+/g, '') || null;
  const check = (field: keyof typeof L, value: string | null, ok: boolean, message: string) => {
    if (value !== null && !ok && !fe.list.some((e) => e.field === field))
      fe.add(field, `${L[field]}${message}`);
  };

  const siteName = line('siteName', 50);

  const rawBase = line('baseUrl', 200);
  const baseUrl = rawBase ? normalizeHttps(rawBase) : null;
  check(
    'baseUrl',
    rawBase,
    baseUrl !== null,
    '应为以 https:// 开头的网址，如 https://gk.example.gov.cn（不含“?”和“#”）',
  );

  const rawDomain = line('siteDomain', 253)?.toLowerCase() ?? null;
  check(
    'siteDomain',
    rawDomain,
    rawDomain !== null && HOST_NAME.test(rawDomain),
    '格式不正确，应如 gk.example.gov.cn（不含 https:// 和路径）',
  );

  const siteIdCode = compact('siteIdCode', 20);
  check(
    'siteIdCode',
    siteIdCode,
    siteIdCode !== null && SITE_ID_CODE_PATTERN.test(siteIdCode),
    '应为10位数字，如 3590000001（国务院部门网站为 bm 加8位数字）',
  );

  const icpNo = compact('icpNo', 40);
  check(
    'icpNo',
    icpNo,
    icpNo !== null && ICP_PATTERN.test(icpNo),
    '格式不正确，应如“闽ICP备09032658号”或“闽ICP备09032658号-1”',
  );

  const psbNo = compact('psbNo', 40);
  check(
    'psbNo',
    psbNo,
    psbNo !== null && PSB_PATTERN.test(psbNo),
    '格式不正确，应如“京公网安备11010202008000号”（省份简称、公网安备、14位数字、号）',
  );

  const rawConac = line('conacId', 300);
  const conacId = rawConac ? conacIdOf(rawConac) : null;
  check(
    'conacId',
    rawConac,
    conacId !== null,
    '应为本网站在 bszs.conac.cn 的标识编号（字母和数字），或该页面的完整链接',
  );

  const hostOrg = line('hostOrg', 100);
  const operatorOrg = line('operatorOrg', 100);
  const contactPhone = line('contactPhone', 60);
  check(
    'contactPhone',
    contactPhone,
    contactPhone !== null && PHONE.test(contactPhone),
    '只能包含数字、空格、“-”“+”“（）”和“转”，多个号码用“、”分隔',
  );
  const address = line('address', 200);
  const footerLinks = readFooterLinks(fe, input.footerLinks);

  if (fe.list.length > 0) throw AppError.validation(fe.list);
  return {
    siteName,
    baseUrl,
    siteIdCode,
    siteDomain: rawDomain,
    icpNo,
    psbNo,
    conacId,
    hostOrg,
    operatorOrg,
    contactPhone,
    address,
    footerLinks,
  };
}
