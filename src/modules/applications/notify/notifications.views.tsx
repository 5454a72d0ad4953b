/** The applicant notifications of a case, for the case page (id `notifications`). Plain data in, markup out. */
import { Csrf } from '../../../platform/views/form.js';
import type { CaseNotification } from './outbox.js';

/** 2026-03-02T02:00:00.000Z → 2026-03-02 10:00 (Beijing time). */
export function formatInstant(iso: string): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export const retryUrl = (caseId: string, id: string) =>
  `/admin/applications/cases/${encodeURIComponent(caseId)}/notifications/${encodeURIComponent(id)}/retry`;

export function CaseNotifications(p: {
  caseId: string;
  notifications: readonly CaseNotification[];
  csrf: string;
  /** The viewer may queue a failed message again (承办人, 公开办负责人). */
  canRetry: boolean;
}) {
  return (
    <section id="notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">告知申请人</h2>
      {p.notifications.length === 0 ? (
        <p class="muted">
          尚无通知。受理、补正、征求意见、延期、收费、答复和办结时，系统会通过电子邮件或短信告知申请人。
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">事项</th>
                <th scope="col">方式</th>
                <th scope="col">状态</th>
                <th scope="col">时间</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {p.notifications.map((n) => (
                <tr key={n.id}>
                  <td>{n.kindLabel}</td>
                  <td>{n.channelLabel ?? '—'}</td>
                  <td>
                    {n.statusLabel}
                    {n.attempts > 1 ? `（已尝试${n.attempts}次）` : ''}
                  </td>
                  <td>{formatInstant(n.sentAt ?? n.createdAt)}</td>
                  <td>
                    {n.reason ?? ''}
                    {n.status === 'pending' && n.nextAttemptAt && n.attempts > 0
                      ? `；将于${formatInstant(n.nextAttemptAt)}重试`
                      : ''}
                    {p.canRetry && n.status === 'failed' ? (
                      <form method="post" action={retryUrl(p.caseId, n.id)} class="inline">
                        <Csrf token={p.csrf} />{' '}
                        <button type="submit" class="secondary">
                          重新发送
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
