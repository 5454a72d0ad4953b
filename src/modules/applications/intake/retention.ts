/**
 * Retention of applicants' personal data (个人信息保护法第十九条、第四十七条 [M]: kept no longer than its purpose
 * needs, deleted when the retention period ends). Each agency sets how many years after archiving (归档) its
 * cases keep the applicant's personal data; a scheduled job (`purgeExpiredPersonalData`, called from
 * commands/jobs.ts `runApplicationJobs`) then erases it:
 *
 * - the SM4 envelope is replaced by one that holds only the notice 「个人信息已按保存期限删除」, so every
 *   reader of the applicant's data (the case page, letters, key rotation) keeps working and shows the notice;
 * - the blind indexes (same document number, same name + phone) and the keyed submission hash are cleared;
 * - the case's attachments (身份证明, 授权委托书 …) are deleted — rows and their sealed files, and any clear file
 *   of an earlier install nothing needs any more — and the frozen files of its generated letters (which carry
 *   the applicant's name and address);
 * - the case facts stay: channel, applicant kind, dates, timeline, outcome, so the annual report still counts it;
 * - an event on the timeline and an audit event record it, with dates and counts only.
 *
 * Period (民法典第二百零一条、第二百零二条 [M]): the day of archiving does not count; the period ends on the
 * same month and day `years` later (the last day of the month when that day does not exist, i.e. 29 February);
 * the data is erased from the next day. A case with a 行政复议 or 行政诉讼 still pending (尚未审结) is kept
 * until it is decided: its file is still needed.
 *
 * Default 10 years [M]: 《机关文件材料归档范围和文书档案保管期限规定》（国家档案局令第8号）sets the periods of
 * 文书档案 at 永久, 定期30年 and 定期10年; the papers of an ordinary application are 定期10年 in the usual
 * 归档范围 of agencies we know of. Erasing the personal data earlier than the archive keeps the rest of the
 * file would leave an agency's file incomplete, so the default follows the shortest archive period. An agency
 * that keeps the paper file in its archive may choose a shorter period (at least 1 year: the time limits of
 * 行政复议 (60 days) and 行政诉讼 (6 months, at most 1 year when the reply did not state them) must have passed).
 */
import type { Actor } from '../../../platform/audit/audit.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { chinaToday, type LegalDate, legalDate } from '../../../platform/legal-date.js';
import type { Db, Services } from '../../../platform/services.js';
import { type Input, readInt } from '../../../platform/validate.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { appendEvents, updateCaseIf } from '../applications.repository.js';
import type { ApplicationCaseTable } from '../applications.table.js';
import { type ApplicantData, personalDataCipher, sealApplicant } from '../personal.js';
import { deleteClearFileIfUnneeded, removeSealed } from '../sealed-files.js';

export const DEFAULT_RETENTION_YEARS = 10;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 30;

/** What the case shows instead of the applicant once the period has ended. */
export const ERASED_NOTICE = '个人信息已按保存期限删除';

/** The applicant's data after erasure: the notice where the name was, nothing else. */
export const ERASED_APPLICANT: ApplicantData = {
  name: ERASED_NOTICE,
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

export const ERASE_ACTION = 'erasePersonalData';

/** The scheduled job acts as the platform. */
export const RETENTION_ACTOR: Actor = {
  actorId: null,
  actorLabel: '系统（个人信息保存期限）',
  requestId: null,
};

export async function getRetentionYears(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom('application_retention_settings')
    .select('retention_years')
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return row ? Number(row.retention_years) : DEFAULT_RETENTION_YEARS;
}

/** Saves an agency's retention period: its agency admin or 公开办负责人. Audited (numbers only). */
export async function saveRetentionYears(
  ctx: CommandContext,
  agencyId: string,
  input: Input,
): Promise<number> {
  if (!canAct(ctx.principal, agencyId, ['agencyAdmin', 'officeHead']))
    throw new AppError('forbidden', '只有本单位的单位管理员或公开办负责人可以修改个人信息保存期限。');
  const fe = new FieldErrors();
  const years = readInt(fe, input, 'retentionYears', '申请人个人信息保存期限（归档后年数）', {
    required: true,
    min: MIN_RETENTION_YEARS,
    max: MAX_RETENTION_YEARS,
  });
  fe.throwIfAny();
  const { db, audit, clock } = ctx.services;
  const before = await getRetentionYears(db, agencyId);
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('application_retention_settings')
      .values({
        agency_id: agencyId,
        retention_years: years!,
        updated_by: ctx.principal.userId,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('agency_id').doUpdateSet({
          retention_years: years!,
          updated_by: ctx.principal.userId,
          updated_at: now,
        }),
      )
      .execute();
    await audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'application_settings.retention',
      targetType: 'applicationSettings',
      targetId: agencyId,
      before: { retentionYears: before },
      after: { retentionYears: years },
    });
  });
  return years!;
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The last day personal data is kept: the same month and day `years` after archiving (or that month's end). */
export function retentionLastDay(archivedOn: LegalDate, years: number): LegalDate {
  const [y, m, d] = archivedOn.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const day = Math.min(d, daysInMonth(year, m));
  return legalDate(`${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

export interface ErasedCase {
  id: string;
  trackingNo: string;
  archivedOn: LegalDate;
  lastDay: LegalDate;
  attachmentsDeleted: number;
  letterFilesDeleted: number;
}

/** The record of a case's erasure, or null (for the case page: show ERASED_NOTICE and when). */
export function findErasure(db: Db, caseId: string) {
  return db
    .selectFrom('application_personal_data_erasures')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/**
 * Erases the personal data of every archived case whose retention period ended before `today` (each case
 * its own transaction, audited as the platform). Returns what it erased.
 */
export async function purgeExpiredPersonalData(services: Services, today: LegalDate): Promise<ErasedCase[]> {
  const { db } = services;
  const rows = await db
    .selectFrom('application_cases')
    .selectAll()
    .where('state', '=', 'archived')
    .where('archived_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('application_personal_data_erasures')
            .select('case_id')
            .whereRef('application_personal_data_erasures.case_id', '=', 'application_cases.id'),
        ),
      ),
    )
    .orderBy('archived_at')
    .orderBy('id')
    .execute();
  const years = new Map<string, number>();
  const erased: ErasedCase[] = [];
  for (const row of rows) {
    if (!years.has(row.agency_id)) years.set(row.agency_id, await getRetentionYears(db, row.agency_id));
    const period = years.get(row.agency_id)!;
    const archivedOn = chinaToday(new Date(row.archived_at!));
    const lastDay = retentionLastDay(archivedOn, period);
    if (today <= lastDay) continue;
    const pending = await db
      .selectFrom('application_appeals')
      .select('id')
      .where('case_id', '=', row.id)
      .where('result', '=', 'pending')
      .executeTakeFirst();
    if (pending) continue;
    const done = await eraseCase(services, row, { archivedOn, lastDay, years: period, today });
    if (done) erased.push(done);
  }
  return erased;
}

async function eraseCase(
  services: Services,
  row: ApplicationCaseTable,
  p: { archivedOn: LegalDate; lastDay: LegalDate; years: number; today: LegalDate },
): Promise<ErasedCase | null> {
  const { db } = services;
  const cipher = personalDataCipher(services.config);
  const sealed = sealApplicant(cipher, row.id, ERASED_APPLICANT);
  const now = services.clock.now().toISOString();
  const files: string[] = [];
  const sealedAttachments: string[] = [];
  const sealedLetters: string[] = [];
  let attachments = 0;
  let letterFiles = 0;
  try {
    await db.transaction().execute(async (trx) => {
      const ok = await updateCaseIf(trx, row.id, Number(row.version), {
        pii_envelope: sealed.envelope,
        pii_key_id: sealed.keyId,
        applicant_id_index: null,
        applicant_contact_index: null,
        submission_hash: null,
        updated_at: now,
      });
      if (!ok) throw new AppError('conflict');
      const att = await trx
        .deleteFrom('application_attachments')
        .where('case_id', '=', row.id)
        .returning(['id', 'sha256'])
        .execute();
      attachments = att.length;
      const letters = await trx
        .updateTable('application_letters')
        .set({ file_sha256: null, updated_at: now })
        .where('case_id', '=', row.id)
        .where('file_sha256', 'is not', null)
        .returning(['id', 'file_sha256'])
        .execute();
      letterFiles = letters.length;
      sealedAttachments.push(...att.map((a) => a.id));
      // Every letter's: a rendering that died before recording its file may have left one.
      const allLetters = await trx
        .selectFrom('application_letters')
        .select('id')
        .where('case_id', '=', row.id)
        .execute();
      sealedLetters.push(...allLetters.map((l) => l.id));
      files.push(...att.map((a) => a.sha256), ...letters.map((l) => l.file_sha256!));
      const text = `${ERASED_NOTICE}（${p.archivedOn}归档，保存期限${p.years}年，至${p.lastDay}届满；删除附件${attachments}个、文书文件${letterFiles}个）。`;
      await appendEvents(trx, row.id, [
        {
          action: ERASE_ACTION,
          kind: ERASE_ACTION,
          clock: 0,
          on_date: p.today,
          data_json: JSON.stringify({
            archivedOn: p.archivedOn,
            retentionYears: p.years,
            lastDay: p.lastDay,
            attachments,
            letterFiles,
          }),
          from_state: row.state,
          to_state: row.state,
          actor_id: RETENTION_ACTOR.actorId,
          actor_label: RETENTION_ACTOR.actorLabel,
          note: text,
          at: now,
        },
      ]);
      await trx
        .insertInto('application_personal_data_erasures')
        .values({
          case_id: row.id,
          agency_id: row.agency_id,
          archived_on: p.archivedOn,
          retention_years: p.years,
          erased_on: p.today,
          attachments_deleted: attachments,
          letter_files_deleted: letterFiles,
          erased_at: now,
        })
        .execute();
      await services.audit.record(trx, RETENTION_ACTOR, {
        agencyId: row.agency_id,
        action: 'application.erase_personal_data',
        targetType: 'application',
        targetId: row.id,
        after: {
          trackingNo: row.tracking_no,
          archivedOn: p.archivedOn,
          retentionYears: p.years,
          lastDay: p.lastDay,
          erasedOn: p.today,
          attachmentsDeleted: attachments,
          letterFilesDeleted: letterFiles,
        },
      });
    });
  } catch (err) {
    // Changed meanwhile (a 重新答复 opened, an appeal recorded): the next run looks at it again.
    if (err instanceof AppError && err.code === 'conflict') return null;
    throw err;
  }
  for (const id of sealedAttachments) await removeSealed(services.config.dataDir, 'attachment', id);
  for (const id of sealedLetters) await removeSealed(services.config.dataDir, 'letter', id);
  // Clear files of an earlier install (publications/files.ts), shared by content: once nothing needs them.
  for (const sha of new Set(files)) await deleteClearFileIfUnneeded(services, sha);
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    archivedOn: p.archivedOn,
    lastDay: p.lastDay,
    attachmentsDeleted: attachments,
    letterFilesDeleted: letterFiles,
  };
}
