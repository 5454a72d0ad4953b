/**
 * Telling the applicant of each step of the case (受理, 补正, 征求意见, 延期, 收费, 答复, 办结) by e-mail or SMS.
 *
 *   1. enqueueNotifications: scans the case timeline (application_events) recorded since the cursor — less a
 *      lookback, for transactions that committed late — and adds one outbox row per event worth telling
 *      (unique per event, so a rescan never doubles). The commands are unchanged: the timeline is the source.
 *   2. sendNotifications: for each due row, opens the applicant's data (decrypted here, never stored or
 *      logged), picks the channel from the applicant's contact data and the case's delivery methods, builds
 *      the text and hands it to the channel's provider. A failure is retried with backoff (1 min, 5 min,
 *      30 min, 2 h, 12 h), a permanent refusal (SMTP 5xx) or the last attempt marks it failed.
 *   3. notificationsForCase: the status of each message, for the case page.
 *
 * An outbox row holds the kind, channel, status, attempts and a Chinese reason — never the address or the
 * text sent.
 */
import { randomUUID } from 'node:crypto';
import { formatChineseDate, type LegalDate } from '../../../platform/legal-date.js';
import type { Db, Services } from '../../../platform/services.js';
import { toCase } from '../applications.js';
import { findCase } from '../applications.repository.js';
import { openApplicant, personalDataCipher } from '../personal.js';
import type { NotificationChannel, Providers } from './providers.js';
import { SmtpError } from './smtp.js';

export const NOTIFICATION_KINDS = [
  'received',
  'correctionRequested',
  'consultation',
  'extension',
  'feeNotice',
  'replied',
  'closed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  received: '申请已受理',
  correctionRequested: '补正告知',
  consultation: '征求意见告知',
  extension: '延期答复告知',
  feeNotice: '收费通知',
  replied: '已作出答复',
  closed: '申请已办结',
};

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';
export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送',
};
export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = {
  email: '电子邮件',
  sms: '短信',
};

/** The kind of notification an event of the timeline calls for, if any. */
export function kindOfEvent(e: {
  action: string;
  from_state: string | null;
  to_state: string | null;
}): NotificationKind | null {
  if (e.to_state === 'received' && e.from_state !== 'received') return 'received';
  switch (e.action) {
    case 'requestCorrection':
      return 'correctionRequested';
    case 'sendConsultation':
      return 'consultation';
    case 'grantExtension':
      return 'extension';
    case 'sendFeeNotice':
      return 'feeNotice';
    case 'sendReply':
      return 'replied';
    case 'closeCorrectionOverdue':
    case 'closeFeeUnpaid':
    case 'withdraw':
      return 'closed';
    default:
      return null;
  }
}

/** How far before the cursor each scan looks again (transactions that committed after a later one). */
export const LOOKBACK_MS = 60 * 60 * 1000;
const BATCH = 500;

/** Adds outbox rows for the timeline's new events. Returns how many were added. */
export async function enqueueNotifications(services: Services): Promise<number> {
  const db = services.db;
  const state = await db
    .selectFrom('application_notify_state')
    .select('cursor_at')
    .where('id', '=', 'events')
    .executeTakeFirst();
  let cursor = state?.cursor_at ?? '';
  const from = cursor ? new Date(Date.parse(cursor) - LOOKBACK_MS).toISOString() : '';
  let added = 0;
  let after = { at: from, id: '' };
  for (;;) {
    const events = await db
      .selectFrom('application_events as e')
      .innerJoin('application_cases as c', 'c.id', 'e.case_id')
      .leftJoin('application_notifications as n', 'n.event_id', 'e.id')
      .select([
        'e.id',
        'e.case_id',
        'e.action',
        'e.from_state',
        'e.to_state',
        'e.data_json',
        'e.at',
        'c.agency_id',
      ])
      .select('n.id as notification_id')
      .where((eb) =>
        eb.or([eb('e.at', '>', after.at), eb.and([eb('e.at', '=', after.at), eb('e.id', '>', after.id)])]),
      )
      .orderBy('e.at')
      .orderBy('e.id')
      .limit(BATCH)
      .execute();
    if (events.length === 0) break;
    const now = services.clock.now().toISOString();
    for (const e of events) {
      if (e.at > cursor) cursor = e.at;
      if (e.notification_id) continue;
      const kind = kindOfEvent(e);
      if (!kind) continue;
      let status: NotificationStatus = 'pending';
      let reason: string | null = null;
      if (kind === 'consultation' && !(await consultationNoticeSent(db, e.case_id, e.data_json))) {
        status = 'skipped';
        reason = '本次征求意见未向申请人发出告知书';
      }
      const r = await db
        .insertInto('application_notifications')
        .values({
          id: randomUUID(),
          case_id: e.case_id,
          agency_id: e.agency_id,
          event_id: e.id,
          kind,
          channel: null,
          status,
          attempts: 0,
          next_attempt_at: status === 'pending' ? now : null,
          last_error: reason,
          provider: null,
          created_at: now,
          sent_at: null,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    const last = events.at(-1)!;
    after = { at: last.at, id: last.id };
    if (events.length < BATCH) break;
  }
  if (cursor !== (state?.cursor_at ?? ''))
    await db
      .updateTable('application_notify_state')
      .set({ cursor_at: cursor, updated_at: services.clock.now().toISOString() })
      .where('id', '=', 'events')
      .where('cursor_at', '<', cursor)
      .execute();
  return added;
}

/** The applicant is told of a consultation only when the 征求意见告知书 went out with it. */
async function consultationNoticeSent(db: Db, caseId: string, dataJson: string): Promise<boolean> {
  let requestId: unknown = null;
  try {
    requestId = (JSON.parse(dataJson) as { requestId?: unknown }).requestId;
  } catch {
    return false;
  }
  const rows = await db
    .selectFrom('application_letters')
    .select('content_json')
    .where('case_id', '=', caseId)
    .where('kind', '=', 'consultationNotice')
    .execute();
  return rows.some((r) => {
    try {
      return (JSON.parse(r.content_json) as { consultationId?: unknown }).consultationId === requestId;
    } catch {
      return false;
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Sending

/** Minutes to wait after the 1st, 2nd … failed attempt; after the last one the message has failed. */
export const RETRY_MINUTES = [1, 5, 30, 120, 720];

const MOBILE_RE = /^1[3-9]\d{9}$/;

/**
 * The channel for this applicant: e-mail when they chose to get information by e-mail (or left no mobile
 * number), else SMS to a mobile number, else e-mail if they left an address. A channel without a provider
 * falls back to the other.
 */
export function chooseChannel(
  contact: { email: string | null; phone: string },
  deliveryMethods: readonly string[],
  providers: Providers,
): { channel: NotificationChannel; to: string } | { reason: string } {
  const mobile = MOBILE_RE.test(contact.phone.replace(/[\s-]/g, ''))
    ? contact.phone.replace(/[\s-]/g, '')
    : null;
  const email = contact.email || null;
  const order: NotificationChannel[] =
    email && (deliveryMethods.includes('email') || !mobile) ? ['email', 'sms'] : ['sms', 'email'];
  for (const ch of order) {
    const to = ch === 'email' ? email : mobile;
    if (to && providers[ch]) return { channel: ch, to };
  }
  if (!email && !mobile) return { reason: '申请人未留电子邮箱或手机号码' };
  return { reason: '未配置可用的邮件或短信发送服务' };
}

interface MessageFacts {
  agencyName: string;
  platformName: string;
  trackingNo: string;
  dueOn: string | null;
  correctionDeadline: string | null;
  closureReason: string | null;
  feeAmount: number | null;
}

const d = (s: string | null) => (s ? formatChineseDate(s as LegalDate) : '');

/**
 * Why a case closed, from the event that closed it (not the case's current columns: a withdrawal during a
 * 重新答复 keeps the first reply's closure on the case, and the case may have moved on since).
 */
export function closureReasonOfEvent(
  action: string | null | undefined,
  current: string | null,
): string | null {
  switch (action) {
    case 'withdraw':
      return 'withdrawn';
    case 'closeCorrectionOverdue':
      return 'correctionOverdue';
    case 'closeFeeUnpaid':
      return 'feeUnpaid';
    default:
      return current;
  }
}

/** What happened, in one sentence (no personal data). */
export function stepSentence(kind: NotificationKind, f: MessageFacts): string {
  switch (kind) {
    case 'received':
      return f.dueOn ? `已受理，本机关将在${d(f.dueOn)}前作出答复` : '已受理';
    case 'correctionRequested':
      return f.correctionDeadline
        ? `需要补正，请按补正申请告知书的要求于${d(f.correctionDeadline)}前补正，逾期不补正的视为放弃申请`
        : '需要补正，请按补正申请告知书的要求补正';
    case 'consultation':
      return '需要征求第三方或其他机关的意见，征求意见所需时间不计算在答复期限内';
    case 'extension':
      return f.dueOn ? `答复期限已延长至${d(f.dueOn)}` : '答复期限已延长';
    case 'feeNotice':
      return f.feeAmount !== null
        ? `需要缴纳信息处理费${f.feeAmount}元，请按收费通知书的要求按期缴纳，逾期未缴纳的视为放弃申请`
        : '需要缴纳信息处理费，请按收费通知书的要求按期缴纳';
    case 'replied':
      return '已作出答复，请查收答复书';
    case 'closed':
      return f.closureReason === 'withdrawn'
        ? '已撤回，本机关不再处理'
        : f.closureReason === 'feeUnpaid'
          ? '因逾期未缴纳信息处理费，视为放弃申请，本机关不再处理，请查收告知书'
          : f.closureReason === 'correctionOverdue'
            ? '因逾期未补正，视为放弃申请，本机关不再处理，请查收告知书'
            : '已办结';
  }
}

export function composeMessage(
  kind: NotificationKind,
  channel: NotificationChannel,
  f: MessageFacts,
): { subject: string; text: string } {
  const sentence = stepSentence(kind, f);
  const subject = `【${f.agencyName}】政府信息公开申请${NOTIFICATION_KIND_LABELS[kind]}`;
  if (channel === 'sms')
    return {
      subject,
      text: `【${f.platformName}】您向${f.agencyName}提出的政府信息公开申请（${f.trackingNo}）${sentence}。可凭申请编号和查询码查询办理进度。`,
    };
  return {
    subject,
    text: [
      '您好：',
      '',
      `您向${f.agencyName}提出的政府信息公开申请（申请编号：${f.trackingNo}）${sentence}。`,
      '',
      `您可以凭申请编号和查询码在${f.platformName}查询办理进度、下载有关文书。`,
      '',
      '本邮件由系统自动发送，请勿直接回复。',
      f.agencyName,
    ].join('\n'),
  };
}

export interface SendResult {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/** Sends the due messages (at most `limit`). */
export async function sendNotifications(
  services: Services,
  providers: Providers,
  limit = 50,
): Promise<SendResult> {
  const db = services.db;
  const result: SendResult = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  const nowIso = () => services.clock.now().toISOString();
  const due = await db
    .selectFrom('application_notifications')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso())
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  for (const n of due) {
    // Claim the row: another process may be sending the same batch.
    const attempts = Number(n.attempts) + 1;
    const claimed = await db
      .updateTable('application_notifications')
      .set({ attempts, next_attempt_at: null, updated_at: nowIso() })
      .where('id', '=', n.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', Number(n.attempts))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const finish = (set: {
      status: NotificationStatus;
      channel?: NotificationChannel | null;
      provider?: string | null;
      last_error?: string | null;
      next_attempt_at?: string | null;
      sent_at?: string | null;
    }) =>
      db
        .updateTable('application_notifications')
        .set({ ...set, updated_at: nowIso() })
        .where('id', '=', n.id)
        .execute();

    const row = await findCase(db, n.case_id);
    if (!row) {
      await finish({ status: 'skipped', last_error: '申请不存在' });
      result.skipped++;
      continue;
    }
    const c = toCase(row);
    let choice: ReturnType<typeof chooseChannel>;
    try {
      const applicant = openApplicant(personalDataCipher(services.config), c.id, row.pii_envelope);
      choice = chooseChannel(applicant, c.info.deliveryMethods, providers);
    } catch {
      await finish({ status: 'failed', last_error: '无法读取申请人联系方式' });
      result.failed++;
      continue;
    }
    if ('reason' in choice) {
      await finish({ status: 'skipped', last_error: choice.reason });
      result.skipped++;
      continue;
    }
    const provider = providers[choice.channel]!;
    const [agency, fee, event] = await Promise.all([
      db.selectFrom('agencies').select('name').where('id', '=', c.agencyId).executeTakeFirst(),
      db.selectFrom('application_fees').select('amount').where('case_id', '=', c.id).executeTakeFirst(),
      db.selectFrom('application_events').select('action').where('id', '=', n.event_id).executeTakeFirst(),
    ]);
    const kind = n.kind as NotificationKind;
    const msg = composeMessage(kind, choice.channel, {
      agencyName: agency?.name ?? '',
      platformName: services.config.platformName,
      trackingNo: c.trackingNo,
      dueOn: c.clock.dueOn,
      correctionDeadline: c.clock.correctionDeadline,
      closureReason: closureReasonOfEvent(event?.action, c.closureReason),
      feeAmount: fee ? Number(fee.amount) : null,
    });
    try {
      await provider.send({ channel: choice.channel, to: choice.to, ...msg, caseId: c.id, kind });
      await finish({
        status: 'sent',
        channel: choice.channel,
        provider: provider.name,
        last_error: null,
        sent_at: nowIso(),
      });
      result.sent++;
    } catch (err) {
      const permanent = err instanceof SmtpError && err.permanent;
      const reason =
        err instanceof SmtpError
          ? `发送失败（${err.stage}${err.replyCode ? `，服务器代码${err.replyCode}` : '，无法连接或超时'}）`
          : '发送失败';
      const wait = RETRY_MINUTES[attempts - 1];
      if (permanent || wait === undefined) {
        await finish({
          status: 'failed',
          channel: choice.channel,
          provider: provider.name,
          last_error: reason,
        });
        result.failed++;
      } else {
        await finish({
          status: 'pending',
          channel: choice.channel,
          provider: provider.name,
          last_error: reason,
          next_attempt_at: new Date(services.clock.now().getTime() + wait * 60_000).toISOString(),
        });
        result.retried++;
      }
    }
  }
  return result;
}

/** Puts a failed message back in the queue (staff action from the case page). */
export async function retryNotification(services: Services, caseId: string, id: string): Promise<boolean> {
  const now = services.clock.now().toISOString();
  const r = await services.db
    .updateTable('application_notifications')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------------------
// Status on the case page

export interface CaseNotification {
  id: string;
  kind: NotificationKind;
  kindLabel: string;
  channel: NotificationChannel | null;
  channelLabel: string | null;
  status: NotificationStatus;
  statusLabel: string;
  attempts: number;
  /** Why it was not (yet) sent, in Chinese; never personal data. */
  reason: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

/** The case's notifications, in the order of the steps they tell of. */
export async function notificationsForCase(db: Db, caseId: string): Promise<CaseNotification[]> {
  const rows = await db
    .selectFrom('application_notifications as n')
    .innerJoin('application_events as e', 'e.id', 'n.event_id')
    .selectAll('n')
    .where('n.case_id', '=', caseId)
    .orderBy('e.seq')
    .execute();
  return rows.map((r) => {
    const kind = r.kind as NotificationKind;
    const status = r.status as NotificationStatus;
    const channel = r.channel as NotificationChannel | null;
    return {
      id: r.id,
      kind,
      kindLabel: NOTIFICATION_KIND_LABELS[kind] ?? r.kind,
      channel,
      channelLabel: channel ? NOTIFICATION_CHANNEL_LABELS[channel] : null,
      status,
      statusLabel: NOTIFICATION_STATUS_LABELS[status] ?? r.status,
      attempts: Number(r.attempts),
      reason: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      nextAttemptAt: r.next_attempt_at,
    };
  });
}

/** One run of the notification job: enqueue, then send. */
export async function runNotificationJobs(
  services: Services,
  providers: Providers,
): Promise<{ enqueued: number } & SendResult> {
  const enqueued = await enqueueNotifications(services);
  return { enqueued, ...(await sendNotifications(services, providers)) };
}
