/**
 * runChecks: every rule V1–V12 over a parsed (or computed) report. Hard errors: V1–V5 arithmetic and cell
 * values, V11 for a missing section 一 to 五; everything else warns. Errors come first, then by rule.
 */
import type { Finding, ParsedReport } from '../model.js';
import { checkV1, checkV2, checkV3, checkV4 } from './arithmetic.js';
import { checkV6, checkV7, checkV12 } from './cross-year.js';
import { checkV8, checkV9 } from './narrative.js';
import { checkV10, checkV11 } from './structure.js';
import { checkV5 } from './values.js';

export interface CheckOptions {
  /** Last year's report: enables V6 (结转), the cross-year part of V7, and V12 (内容雷同). */
  previous?: ParsedReport;
}

export function runChecks(report: ParsedReport, options: CheckOptions = {}): Finding[] {
  const prev = options.previous;
  const findings = [
    ...checkV1(report),
    ...checkV2(report),
    ...checkV3(report),
    ...checkV4(report),
    ...checkV5(report),
    ...checkV6(report, prev),
    ...checkV7(report, prev),
    ...checkV8(report),
    ...checkV9(report),
    ...checkV10(report),
    ...checkV11(report),
    ...checkV12(report, prev),
  ];
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}
