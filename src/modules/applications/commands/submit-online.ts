/**
 * 网上申请, without an account. The form posts its fields (names as in personal.ts `readApplicant` and
 * `readInformation`, plus `privacyConsent`, `declaration` and `idempotencyKey`) and its files; every problem
 * comes back at once, each naming its field in Chinese, never repeating a value.
 *
 * Idempotency: the form carries a key (generated when the form is shown). A resubmission with the same key
 * and the same content returns the existing case — the same tracking number and query code — instead of a
 * second case; the same key with different content is refused. Concurrent resubmissions race on the key's
 * unique index: the loser returns the winner's case.
 *
 * The case starts `submitted`: its receipt date is the day the agency confirms it (第三十一条第（三）项,
 * confirmReceipt). Files are staged (written and fsynced, attachments.ts stageUploads) before the
 * transaction and moved into files/ after the commit; both happen before this returns, so an answer that
 * carries a tracking number means the case and its files are on disk. A crash in between leaves only staged
 * files, which recoverStagedUploads settles.
 */
import { isDatabaseUnavailable } from '../../../db/connect.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { chinaToday } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { type Input, readBool, readText } from '../../../platform/validate.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { systemActor } from '../../accounts/commands/context.js';
import { sha256Of } from '../../publications/files.js';
import { type ApplicationCase, toCase } from '../applications.js';
import { findCaseByIdempotencyKey } from '../applications.repository.js';
import type { ApplicationCaseTable } from '../applications.table.js';
import { ensureStored, stageUploads, type Upload } from '../attachments.js';
import { personalDataCipher, readApplicant, readInformation } from '../personal.js';
import { derivedQueryCode, formatQueryCode, queryCodeKeyId, randomQueryCode } from '../query-code.js';
import { createCase } from './create-case.js';

export interface SubmitResult {
  case: ApplicationCase;
  trackingNo: string;
  /** Shown once (XXXX-XXXX-XXXX); only a keyed digest is stored. */
  queryCode: string;
  /** False when an earlier submission with the same idempotency key was returned. */
  created: boolean;
}

export const APPLICANT_ACTOR_LABEL = '申请人';

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export async function submitOnline(
  services: Services,
  agencyId: string,
  input: Input,
  uploads: readonly Upload[] = [],
  meta: { requestId?: string | null } = {},
): Promise<SubmitResult> {
  const fe = new FieldErrors();
  const today = chinaToday(services.clock.now());
  const agency = await findAgency(services.db, agencyId);
  if (agency?.status !== 'active') fe.add('agencyId', '请选择受理机关（所选机关不存在或已撤销）');
  const info = readInformation(fe, input);
  const { kind, data } = readApplicant(fe, input, {
    today,
    deliveryMethods: info.deliveryMethods,
    forms: info.forms,
  });
  if (!readBool(input, 'privacyConsent')) fe.add('privacyConsent', '请阅读并同意个人信息保护说明');
  if (!readBool(input, 'declaration'))
    fe.add('declaration', '请确认申请人声明（所填信息真实、不用于违法用途）');
  const key = readText(fe, input, 'idempotencyKey', '表单标识', {
    max: 100,
    pattern: /^[A-Za-z0-9_-]{16,100}$/,
    patternHint: '无效，请刷新页面后重新提交',
  });
  if (data.agent && !uploads.some((u) => u.purpose === 'authorization'))
    fe.add('attachments', '委托他人代为申请的，请上传授权委托书');
  fe.throwIfAny();

  const cipher = personalDataCipher(services.config);
  // Keyed, and stored as "kid:hex" like the query code, so a replay after a key rotation still compares.
  const canonical = JSON.stringify([
    agencyId,
    kind,
    data,
    info,
    uploads.map((u) => [u.purpose, sha256Of(u.bytes)]),
  ]);
  const hashWith = (kid: string) => {
    const d = cipher.keyedDigest('submission', canonical, kid);
    return d ? `${kid}:${d.toString('hex')}` : null;
  };
  const submissionHash = hashWith(cipher.keyId)!;
  const replay = async (row: ApplicationCaseTable): Promise<SubmitResult> => {
    if (!row.submission_hash || row.submission_hash !== hashWith(queryCodeKeyId(row.submission_hash)))
      throw new AppError('conflict', '此表单已提交过内容不同的申请，请刷新页面后重新填写。', [
        { field: 'idempotencyKey', message: '此表单已提交过，请刷新页面后重新填写' },
      ]);
    // Same content, so the same files: if the first attempt failed before moving them, they go in now.
    await ensureStored(services, row.id, uploads);
    return {
      case: toCase(row),
      trackingNo: row.tracking_no,
      queryCode: formatQueryCode(derivedQueryCode(cipher, key, queryCodeKeyId(row.query_code_hash))),
      created: false,
    };
  };
  if (key) {
    const existing = await findCaseByIdempotencyKey(services.db, key);
    if (existing) return replay(existing);
  }

  const staged = await stageUploads(services.config, uploads);
  const stored = staged.files;
  const queryCode = key ? derivedQueryCode(cipher, key) : randomQueryCode();
  let row: ApplicationCaseTable;
  try {
    row = await createCase(services, {
      agencyId,
      channel: 'online',
      kind: kind!,
      applicant: data,
      info,
      arrivedOn: today,
      receipt: null,
      idempotencyKey: key || null,
      submissionHash,
      queryCode,
      uploads: stored,
      createdBy: null,
      action: 'submitOnline',
      actor: { ...systemActor(meta.requestId ?? null), actorLabel: APPLICANT_ACTOR_LABEL },
    });
  } catch (e) {
    // Committed or not, the outcome is known — unless the database went away (a commit may be in doubt):
    // then the files stay staged for recoverStagedUploads, and a resubmission puts them in place.
    if (!isDatabaseUnavailable(e)) await staged.settle(services.db).catch(() => {});
    if (key && isUniqueViolation(e)) {
      const existing = await findCaseByIdempotencyKey(services.db, key);
      if (existing) return replay(existing);
    }
    throw e;
  }
  await staged.promote();
  return {
    case: toCase(row),
    trackingNo: row.tracking_no,
    queryCode: formatQueryCode(queryCode),
    created: true,
  };
}
