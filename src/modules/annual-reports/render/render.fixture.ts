/**
 * Test data for the renderers: a consistent ReportDocument built from the checker's 2021 fixture (江北市生态环境局,
 * 2023; test/fixtures/annual-reports/report-2021.ts) — its figures as cell ids, its narrative as sections 一–六.
 * Named `*.fixture.ts` like the other modules' test data; nothing outside tests imports it.
 */
import {
  type Figures,
  figures2023,
  report2023,
} from '../../../../test/fixtures/annual-reports/report-2021.js';
import { type SectionKey, T4_IDS, t3RowIds } from '../checker/model.js';
import type { ReportDocument } from './model.js';

export function tablesOf(f: Figures): ReportDocument['tables'] {
  const ids = t3RowIds(true);
  return {
    T2: {
      regulations: {
        made: f.t2.regulations[0]!,
        repealed: f.t2.regulations[1]!,
        inForce: f.t2.regulations[2]!,
      },
      normativeDocuments: {
        made: f.t2.normative[0]!,
        repealed: f.t2.normative[1]!,
        inForce: f.t2.normative[2]!,
      },
      licensing: { decisions: f.t2.licensing },
      penalties: { decisions: f.t2.penalties },
      enforcement: { decisions: f.t2.enforcement },
      fees: { amount: Number(f.t2.fees) },
    },
    T3: Object.fromEntries(ids.map((id, i) => [id, [...f.t3[i]!]])),
    T4: Object.fromEntries(T4_IDS.map((id, i) => [id, f.t4[i]!])),
  };
}

/** The fixture's narrative, cut at its headings into sections 一–六 (paragraphs separated by blank lines). */
function sectionsOf(f: Figures): Record<SectionKey, string> {
  const out: Record<SectionKey, string[]> = { 一: [], 二: [], 三: [], 四: [], 五: [], 六: [] };
  let at: SectionKey | null = null;
  for (const part of report2023(f).parts) {
    if (part.kind === 'heading') at = part.text[0] as SectionKey;
    else if (part.kind === 'paragraph' && at) out[at].push(part.text);
  }
  // The signature and date after section 六 belong to the page, not to the section.
  out.六 = out.六.slice(0, -2);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join('\n\n')])) as Record<
    SectionKey,
    string
  >;
}

export function sampleReport(f: Figures = figures2023()): ReportDocument {
  return {
    agencyName: '江北市生态环境局',
    year: 2023,
    sections: sectionsOf(f),
    tables: tablesOf(f),
    dated: '2024-01-20',
  };
}

export { figures2023 };
