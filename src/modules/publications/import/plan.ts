/**
 * Validating a whole archive before anything is written: the file, every row, 索引号 unique in the
 * file and on the platform, every attachment, and the automatic checks (身份证号, 银行卡号, the
 * agency's sensitive words) on each body and attachment. Blocking findings are problems unless the
 * importer gave a written reason, in which case they become overrides.
 */
import { chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { type CatalogNode, toCatalogNode } from '../../catalog/catalog.js';
import { listNodes } from '../../catalog/catalog.repository.js';
import type { DisclosureSettings } from '../../catalog/settings.js';
import { getDisclosureSettings } from '../../catalog/settings.repository.js';
import { FINDING_KIND_LABELS } from '../../checks/findings.js';
import { renderBody } from '../body.js';
import { type FindingSource, type PublicationFinding, scanSource } from '../findings.js';
import type { AttachmentSource } from './archive.js';
import { resolveColumn } from './columns.js';
import { FIELD_KEYS, type FieldKey, labelOf } from './fields.js';
import { takenIndexNos } from './import.repository.js';
import { type InspectedFile, inspectAttachment } from './inspect.js';
import { type ImportProblem, type Problems, quoted, type RowUnit, rowPlace } from './problems.js';
import { type RowDraft, readRow } from './row.js';
import { parseSource } from './source.js';

export interface PlanInput {
  agency: { id: string; name: string };
  file: { name: string; bytes: Uint8Array };
  attachments: AttachmentSource | null;
  /** The written reason that overrides blocking findings; null: findings are problems. */
  allowFindings: string | null;
}

export interface PlannedAttachment extends InspectedFile {
  findings: PublicationFinding[];
}

export interface PlannedItem extends RowDraft {
  publishedOn: LegalDate;
  attachments: PlannedAttachment[];
  /** Blocking findings the reason overrides, one per finding key. */
  overridden: PublicationFinding[];
}

export interface ImportPlan {
  format: 'csv' | 'json';
  encoding: string | null;
  unit: RowUnit;
  rows: number;
  items: PlannedItem[];
  problems: ImportProblem[];
  today: LegalDate;
  settings: DisclosureSettings;
  nodes: CatalogNode[];
}

export async function planImport(services: Services, input: PlanInput): Promise<ImportPlan> {
  const { db, config, clock } = services;
  const today = chinaToday(clock.now());
  const source = parseSource(input.file.name, input.file.bytes);
  const problems = source.problems;
  const reason = checkReason(input.allowFindings, problems);
  const [nodeRows, settings] = await Promise.all([
    listNodes(db, input.agency.id),
    getDisclosureSettings(db, input.agency.id),
  ]);
  const nodes = nodeRows.map(toCatalogNode);
  const env = {
    unit: source.unit,
    agencyName: input.agency.name,
    today,
    column: (raw: string) => resolveColumn(nodes, raw),
  };
  const check = { ...settings, today };
  const scan = (text: string, where: FindingSource) =>
    scanSource(text, where, check, config.piiKey, new Map());
  const taken = await takenIndexNos(db, [
    ...new Set(source.rows.map((r) => r.values.indexNo?.trim() ?? '').filter(Boolean)),
  ]);
  const firstLine = new Map<string, number>();
  const files = new AttachmentCache(input.attachments, (text, fileName) =>
    scan(text, { type: 'attachment', attachmentId: '', fileName }),
  );
  const items: PlannedItem[] = [];
  for (const row of source.rows) {
    if (row.broken) continue;
    const { ok, draft } = readRow(row, env, problems);
    const where = rowPlace(source.unit, row.line);
    let rowOk = ok;
    const fail = (field: FieldKey, message: string, finding = false) => {
      rowOk = false;
      problems.add(where, row.line, labelOf(field), message, finding);
    };
    const first = firstLine.get(draft.indexNo);
    if (first !== undefined) fail('indexNo', `${quoted(draft.indexNo)}与${rowPlace(source.unit, first)}重复`);
    else if (draft.indexNo) firstLine.set(draft.indexNo, row.line);
    if (taken.has(draft.indexNo)) fail('indexNo', `${quoted(draft.indexNo)}已被平台上的其他信息使用`);
    const attachments: PlannedAttachment[] = [];
    for (const name of draft.attachmentNames) {
      const file = await files.get(name);
      if ('error' in file) fail('attachments', file.error);
      else attachments.push(file);
    }
    const body = renderBody(draft.fields.bodyFormat, draft.fields.bodySource);
    const findings = [...scan(body.text, { type: 'body' }), ...attachments.flatMap((a) => a.findings)];
    const blocking = findings.filter((f) => f.severity === 'blocking');
    if (reason === null) for (const [field, message] of findingProblems(blocking)) fail(field, message, true);
    const overridden = [...new Map(blocking.map((f) => [f.key, f])).values()];
    if (rowOk && draft.publishedOn)
      items.push({ ...draft, publishedOn: draft.publishedOn, attachments, overridden });
  }
  return {
    format: source.format,
    encoding: source.encoding,
    unit: source.unit,
    rows: source.rows.length,
    items,
    problems: byLine(problems.list),
    today,
    settings,
    nodes,
  };
}

/** Each attachment is read, checked and scanned once, however many rows name it. */
class AttachmentCache {
  private readonly seen = new Map<string, PlannedAttachment | { error: string }>();
  constructor(
    private readonly source: AttachmentSource | null,
    private readonly scan: (text: string, fileName: string) => PublicationFinding[],
  ) {}

  async get(name: string): Promise<PlannedAttachment | { error: string }> {
    if (!this.source) return { error: `列有附件${quoted(name)}，但没有提供附件目录或附件包` };
    let file = this.seen.get(name);
    if (!file) {
      const r = await inspectAttachment(this.source, name);
      file = 'error' in r ? r : { ...r, findings: this.scan(r.text, r.fileName) };
      this.seen.set(name, file);
    }
    return file;
  }
}

/** One problem per kind of finding and place: “附件“名单.pdf”中发现身份证号“110***…”等3处：…”. */
function findingProblems(blocking: PublicationFinding[]): [FieldKey, string][] {
  const groups = new Map<string, { place: string; list: PublicationFinding[] }>();
  for (const f of blocking) {
    const place = f.source.type === 'body' ? '' : `附件${quoted(f.source.fileName)}中`;
    const group = groups.get(`${place}/${f.kind}`) ?? { place, list: [] };
    group.list.push(f);
    groups.set(`${place}/${f.kind}`, group);
  }
  return [...groups.values()].map(({ place, list }) => {
    const f = list[0]!;
    const what = `${FINDING_KIND_LABELS[f.kind]}${quoted(f.display)}${list.length > 1 ? `等${list.length}处` : ''}`;
    return [place ? 'attachments' : 'body', `${place}发现${what}：${f.message.replace(/。$/, '')}`];
  });
}

/** Problems of the file and options first, then row by row; within a row in the order of the columns. */
function byLine(list: ImportProblem[]): ImportProblem[] {
  const rank = (p: ImportProblem) => FIELD_KEYS.findIndex((k) => labelOf(k) === p.field);
  return list
    .map((p, i) => ({ p, i, rank: rank(p) }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.rank - b.rank || a.i - b.i)
    .map(({ p }) => p);
}

/** The override reason, checked as the editor's override is (at least 4 characters). */
function checkReason(raw: string | null, problems: Problems): string | null {
  if (raw === null) return null;
  const reason = raw.trim();
  if ([...reason].length < 4)
    problems.add(
      '选项',
      null,
      '忽略理由',
      reason ? '至少写4个字，说明为何可以公开' : '选择忽略检查问题时须填写理由',
    );
  else if ([...reason].length > 500) problems.add('选项', null, '忽略理由', '不能超过500个字');
  return reason;
}
