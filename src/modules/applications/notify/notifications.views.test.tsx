/** The case page's notification table, rendered without a database. */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CaseNotifications, formatInstant } from './notifications.views.js';
import type { CaseNotification } from './outbox.js';

const base: CaseNotification = {
  id: 'n1',
  kind: 'received',
  kindLabel: '申请已受理',
  channel: 'email',
  channelLabel: '电子邮件',
  status: 'sent',
  statusLabel: '已发送',
  attempts: 1,
  reason: null,
  createdAt: '2026-03-02T16:30:00.000Z',
  sentAt: '2026-03-02T16:31:00.000Z',
  nextAttemptAt: null,
};

describe('case notifications table', () => {
  it('shows each message in Beijing time, a retry button only for failed ones and only when allowed', () => {
    expect(formatInstant('2026-03-02T16:31:00.000Z')).toBe('2026-03-03 00:31');
    const failed: CaseNotification = {
      ...base,
      id: 'n2',
      kind: 'replied',
      kindLabel: '已作出答复',
      status: 'failed',
      statusLabel: '发送失败',
      attempts: 3,
      reason: '发送失败（RCPT TO，服务器代码550）',
      sentAt: null,
    };
    const html = renderToString(
      <CaseNotifications caseId="c1" notifications={[base, failed]} csrf="tok" canRetry={true} />,
    );
    expect(html).toContain('id="notifications"');
    expect(html).toContain('申请已受理');
    expect(html).toContain('2026-03-03 00:31');
    expect(html).toContain('发送失败（已尝试3次）');
    expect(html).toContain('/admin/applications/cases/c1/notifications/n2/retry');
    expect(html.match(/重新发送/g)).toHaveLength(1);
    const readOnly = renderToString(
      <CaseNotifications caseId="c1" notifications={[failed]} csrf="tok" canRetry={false} />,
    );
    expect(readOnly).not.toContain('重新发送');
    expect(renderToString(<CaseNotifications caseId="c1" notifications={[]} csrf="t" canRetry />)).toContain(
      '尚无通知',
    );
  });
});
