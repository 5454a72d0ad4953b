/**
 * 信息处理费 (processingFee): 条例第四十二条 and 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号,
 * disclosure-rules.md §2). Pure: amounts in whole 元, with an explanation in Chinese for the 收费通知书.
 *
 *   第三条  按件计收 (`perItem`) or 按量计收 (`perPage`), both progressive on the excess (超额累进); one standard
 *           per application, 「不得同时按照两种标准重复计算」 — `computeFee` takes exactly one method.
 *   第四条  按件: per applicant per natural month, ≤10 件 free; 11–30: 100元/件; from 31 each band of 10 costs
 *           100元/件 more (31–40: 200, 41–50: 300, …) [V:S7,S8; band arithmetic D]. Applies whatever the
 *           outcome; a multi-item application may count as several 件 (「一事一申请」).
 *   第五条  按量: per application, ≤30 页 free; 31–100: 10元/页; 101–200: 20元/页; ≥201: 40元/页 [V:S8, a local
 *           price list quoting the 办法]. How pages are counted for paper sizes and electronic data is [M]:
 *           the caller supplies the page count.
 *
 * Every figure is data (`FeeSchedule`), not code: the [M]/[D] parts — and any provincial implementing rule —
 * are changed by passing another schedule. `DEFAULT_FEE_SCHEDULE` is the national one above.
 *
 * Which applications count toward the month: the 办法 says 「同一申请人一个自然月内累计申请」. The platform counts
 * the applications the same applicant made to the same agency, by legal receipt date (收到申请之日), whatever
 * their outcome (the 依申请公开 issue's rule; per agency is our reading [D]) — `itemsBeforeInMonth`.
 */
import type { LegalDate } from '../../platform/legal-date.js';

export type FeeMethod = 'perItem' | 'perPage';

export const FEE_METHOD_LABELS: Record<FeeMethod, string> = {
  perItem: '按件计收',
  perPage: '按量计收',
};

/** A band of a progressive scale: units up to and including `upTo` (null: no upper bound) cost `yuan` each. */
export interface FeeBand {
  upTo: number | null;
  yuan: number;
}

export interface FeeSchedule {
  perItem: {
    /** Bands from the first 件 of the month, ascending; the last bounded one is followed by `beyond`. */
    bands: FeeBand[];
    /** After the last band: every `bandSize` 件 more cost `increment` 元 per 件 more. */
    beyond: { bandSize: number; increment: number };
  };
  perPage: {
    /** Bands from the first page, ascending; the last has `upTo: null`. */
    bands: FeeBand[];
  };
}

export const DEFAULT_FEE_SCHEDULE: FeeSchedule = {
  perItem: {
    bands: [
      { upTo: 10, yuan: 0 },
      { upTo: 30, yuan: 100 },
    ],
    beyond: { bandSize: 10, increment: 100 },
  },
  perPage: {
    bands: [
      { upTo: 30, yuan: 0 },
      { upTo: 100, yuan: 10 },
      { upTo: 200, yuan: 20 },
      { upTo: null, yuan: 40 },
    ],
  },
};

export type FeeInput =
  | {
      method: 'perItem';
      /** 件 the applicant already made to this agency earlier in the same natural month. */
      itemsBefore: number;
      /** 件 this application counts as (default 1; more when split 「一事一申请」). */
      items?: number;
    }
  | { method: 'perPage'; pages: number };

export interface FeeLine {
  /** First and last unit (件 ordinal in the month, or page) charged at `yuan` each. */
  from: number;
  to: number;
  yuan: number;
  subtotal: number;
}

export type FeeResult =
  | {
      ok: true;
      method: FeeMethod;
      /** Total in whole 元. */
      amount: number;
      lines: FeeLine[];
      /** Plain Chinese, one sentence per line, for the 收费通知书 and the case page. */
      explanation: string[];
    }
  | { ok: false; field: string; message: string };

/** Upper bound of any count taken from a form (pages, 件), far above anything real. */
export const MAX_UNITS = 1_000_000;

function isCount(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min;
}

/** Checks that a schedule is usable: bands ascending, prices non-negative integers, perPage open-ended. */
export function checkFeeSchedule(s: FeeSchedule): string | null {
  const check = (bands: FeeBand[], open: boolean, name: string): string | null => {
    if (bands.length === 0) return `${name}: no bands`;
    let last = 0;
    for (const [i, b] of bands.entries()) {
      if (!isCount(b.yuan, 0)) return `${name}: band ${i} price must be a whole number of yuan`;
      if (b.upTo === null) {
        if (i !== bands.length - 1) return `${name}: only the last band may be open-ended`;
      } else {
        if (!isCount(b.upTo, last + 1)) return `${name}: band ${i} must end after ${last}`;
        last = b.upTo;
      }
    }
    const lastOpen = bands[bands.length - 1]!.upTo === null;
    if (open && !lastOpen) return `${name}: the last band must be open-ended`;
    if (!open && lastOpen) return `${name}: bands must be bounded (the rest is 'beyond')`;
    return null;
  };
  const item = check(s.perItem.bands, false, 'perItem');
  if (item) return item;
  if (!isCount(s.perItem.beyond.bandSize, 1) || !isCount(s.perItem.beyond.increment, 0))
    return 'perItem: beyond needs a positive band size and a whole-yuan increment';
  return check(s.perPage.bands, true, 'perPage');
}

/** The price of the n-th 件 of the month (n ≥ 1). */
export function perItemPrice(n: number, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE): number {
  const { bands, beyond } = schedule.perItem;
  for (const b of bands) if (b.upTo !== null && n <= b.upTo) return b.yuan;
  const last = bands[bands.length - 1]!;
  const over = n - (last.upTo ?? 0);
  return last.yuan + beyond.increment * Math.ceil(over / beyond.bandSize);
}

/** The last unit priced like unit n (its band's end; null when the band is open-ended). */
function perItemBandEnd(n: number, schedule: FeeSchedule): number {
  const { bands, beyond } = schedule.perItem;
  for (const b of bands) if (b.upTo !== null && n <= b.upTo) return b.upTo;
  const lastUpTo = bands[bands.length - 1]!.upTo ?? 0;
  return lastUpTo + beyond.bandSize * Math.ceil((n - lastUpTo) / beyond.bandSize);
}

function perPageBand(page: number, schedule: FeeSchedule): FeeBand {
  for (const b of schedule.perPage.bands) if (b.upTo === null || page <= b.upTo) return b;
  throw new RangeError('perPage bands must end open-ended');
}

/** Units first..last as lines of one price each, walking band by band (never unit by unit). */
function linesFor(
  first: number,
  last: number,
  band: (n: number) => { end: number; yuan: number },
): FeeLine[] {
  const lines: FeeLine[] = [];
  for (let n = first; n <= last; ) {
    const b = band(n);
    const to = Math.min(b.end, last);
    const count = to - n + 1;
    const cur = lines[lines.length - 1];
    if (cur && cur.yuan === b.yuan) {
      cur.to = to;
      cur.subtotal += count * b.yuan;
    } else lines.push({ from: n, to, yuan: b.yuan, subtotal: count * b.yuan });
    n = to + 1;
  }
  return lines;
}

function range(from: number, to: number, unit: string): string {
  return from === to ? `第${from}${unit}` : `第${from}—${to}${unit}`;
}

/**
 * The fee for one application by one method. Input comes from staff forms: a wrong value gets a Chinese
 * message naming the field; asking for both methods at once is refused (第三条).
 */
export function computeFee(input: FeeInput, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE): FeeResult {
  const problem = checkFeeSchedule(schedule);
  if (problem) throw new RangeError(`invalid fee schedule: ${problem}`);
  const raw = input as Record<string, unknown>;
  if (raw.method === 'perItem' && raw.pages !== undefined)
    return { ok: false, field: 'method', message: '不得同时按件和按量计收信息处理费，请选择一种计收方式' };
  if (raw.method === 'perPage' && (raw.itemsBefore !== undefined || raw.items !== undefined))
    return { ok: false, field: 'method', message: '不得同时按件和按量计收信息处理费，请选择一种计收方式' };

  if (input.method === 'perItem') {
    const items = input.items ?? 1;
    if (!isCount(input.itemsBefore, 0) || input.itemsBefore > MAX_UNITS)
      return { ok: false, field: 'itemsBefore', message: `本月此前申请件数应为0至${MAX_UNITS}之间的整数` };
    if (!isCount(items, 1) || items > MAX_UNITS)
      return { ok: false, field: 'items', message: `本申请计收件数应为1至${MAX_UNITS}之间的整数` };
    const first = input.itemsBefore + 1;
    const last = input.itemsBefore + items;
    const lines = linesFor(first, last, (n) => ({
      end: perItemBandEnd(n, schedule),
      yuan: perItemPrice(n, schedule),
    }));
    const amount = lines.reduce((s, l) => s + l.subtotal, 0);
    const explanation = [
      `按件计收：申请人本自然月内此前已向本机关提出${input.itemsBefore}件申请，本申请计${items}件，为本月${range(first, last, '件')}。`,
      ...lines.map((l) =>
        l.yuan === 0
          ? `${range(l.from, l.to, '件')}不收费。`
          : `${range(l.from, l.to, '件')}每件${l.yuan}元，共${l.to - l.from + 1}件，计${l.subtotal}元。`,
      ),
      `合计${amount}元。`,
    ];
    return { ok: true, method: 'perItem', amount, lines, explanation };
  }

  if (input.method === 'perPage') {
    if (!isCount(input.pages, 1) || input.pages > MAX_UNITS)
      return { ok: false, field: 'pages', message: `页数应为1至${MAX_UNITS}之间的整数` };
    const lines = linesFor(1, input.pages, (n) => {
      const b = perPageBand(n, schedule);
      return { end: b.upTo ?? Number.POSITIVE_INFINITY, yuan: b.yuan };
    });
    const amount = lines.reduce((s, l) => s + l.subtotal, 0);
    const explanation = [
      `按量计收：本申请提供政府信息共${input.pages}页。`,
      ...lines.map((l) =>
        l.yuan === 0
          ? `${range(l.from, l.to, '页')}不收费。`
          : `${range(l.from, l.to, '页')}每页${l.yuan}元，共${l.to - l.from + 1}页，计${l.subtotal}元。`,
      ),
      `合计${amount}元。`,
    ];
    return { ok: true, method: 'perPage', amount, lines, explanation };
  }
  return { ok: false, field: 'method', message: '请选择信息处理费的计收方式（按件或按量）' };
}

export interface MonthlyApplication {
  id: string;
  /** Legal receipt date (收到申请之日). */
  receivedOn: LegalDate;
  /** 件 it counts as (1 unless split). */
  items: number;
}

/**
 * 件 the applicant made earlier in the same natural month as application `currentId`. `history` holds the
 * applicant's applications to this agency (every outcome, withdrawn ones too) in registration order; those
 * with the same receipt date count as earlier when registered earlier.
 */
export function itemsBeforeInMonth(history: readonly MonthlyApplication[], currentId: string): number {
  const index = history.findIndex((a) => a.id === currentId);
  if (index < 0) throw new RangeError(`application ${currentId} is not in the history`);
  const current = history[index]!;
  const month = current.receivedOn.slice(0, 7);
  let n = 0;
  for (const [i, a] of history.entries()) {
    if (i === index || a.receivedOn.slice(0, 7) !== month) continue;
    if (a.receivedOn < current.receivedOn || (a.receivedOn === current.receivedOn && i < index)) n += a.items;
  }
  return n;
}
