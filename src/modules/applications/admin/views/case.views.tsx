/**
 * The case page (GET /admin/applications/cases/:caseId): the request, the due date with the clock's
 * explanation step by step, the timeline, letters with their deliveries and Word downloads, consultations,
 * fee, appeals, the applicant behind an audited button, and the 办理 section (case-actions.views.tsx).
 * Pure components: plain data in, markup out.
 */
import type { AppError } from '../../../../platform/errors.js';
import type { Values } from '../../../../platform/views/form.js';
import { Csrf } from '../../../../platform/views/form.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import { chinaTime, chineseDate, fileSize } from '../../../publications/admin/format.js';
import { FailureNotice, Notices, Reasons } from '../../../publications/admin/views/shared.views.js';
import { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS } from '../../applications.js';
import { ATTACHMENT_PURPOSES, type AttachmentPurpose } from '../../attachments.js';
import { CLOCK_STATE_LABELS } from '../../clock.js';
import {
  applicantKindInfo,
  channelInfo,
  DELIVERY_METHOD_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  INFORMATION_FORM_LABELS,
  outcomeFullLabel,
} from '../../codes.js';
import { FEE_METHOD_LABELS } from '../../fees.js';
import { INTAKE_EVENT_LABELS } from '../../intake/events.js';
import { ERASED_NOTICE } from '../../intake/retention.js';
import { DELIVERY_CHANNELS, type DeliveryChannel, LETTER_STATUS_LABELS, letterLabel } from '../../letters.js';
import type { ApplicantData } from '../../personal.js';
import { ACTION_LABELS, type CaseAction, STATE_LABELS } from '../../workflow.js';
import { caseUrl } from '../admin-helpers.js';
import { attachmentUrl } from '../attachment-download.js';
import type { CaseView } from '../case-page.js';
import { ActionsSection } from './case-actions.views.js';
import { workdaysLeftText } from './list.views.js';

export interface CasePageProps {
  csrf: string;
  view: CaseView;
  message?: string | undefined;
  error?: AppError | undefined;
  values: Values;
  /** The applicant's data, after the audited view. */
  applicant?: ApplicantData | null;
  /** After forwarding: the new case's number and query code (shown once, for the notice to the applicant). */
  forwarded?: { trackingNo: string; queryCode: string } | null;
}

function Row({ k, v }: { k: string; v: preact.ComponentChildren }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}

/** 2026-03 → 2026年3月 */
const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

function Overview({ view }: { view: CaseView }) {
  const c = view.case;
  return (
    <section aria-labelledby="h-overview">
      <h2 id="h-overview">申请概况</h2>
      <dl>
        <Row k="申请编号" v={c.trackingNo} />
        <Row k="状态" v={STATE_LABELS[c.state]} />
        <Row k="申请渠道" v={channelInfo(c.channel).label} />
        <Row k="申请人类型" v={applicantKindInfo(c.applicantKind).fullLabel} />
        <Row k="申请到达日期" v={chineseDate(c.arrivedOn)} />
        <Row k="收到申请之日（第三十一条）" v={c.receivedOn ? chineseDate(c.receivedOn) : '尚未确认'} />
        <Row k="承办人" v={view.handlerName ?? '未分办'} />
        {c.outcome ? <Row k="办理结果" v={outcomeFullLabel(c.outcome)} /> : null}
        {c.outcomeBasis ? <Row k="答复依据" v={c.outcomeBasis} /> : null}
        {c.closedOn ? <Row k="办结日期" v={chineseDate(c.closedOn)} /> : null}
        {c.replyRound > 0 ? (
          <Row
            k="重新答复"
            v={`第${c.replyRound}次重新答复${c.redoDueOn ? `，期限${chineseDate(c.redoDueOn)}` : ''}`}
          />
        ) : null}
        <Row
          k="本月申请件数（第三十五条）"
          v={
            view.monthCount
              ? `申请人${monthText(view.monthCount.month)}共向本机关提出${view.monthCount.total}件申请，本申请之前${view.monthCount.before}件`
              : '收到申请之日确定后统计'
          }
        />
        <Row
          k="疑似重复申请"
          v={
            view.repeatOf ? (
              <>
                <span class="tag">疑似重复</span>与同一申请人此前的申请{' '}
                <a href={caseUrl(view.repeatOf.id)}>{view.repeatOf.trackingNo}</a>{' '}
                内容相似，请核对（第三十六条第（六）项）
              </>
            ) : (
              '否'
            )
          }
        />
        {view.forwardedFrom ? (
          <Row
            k="转送来源"
            v={<a href={caseUrl(view.forwardedFrom.id)}>{view.forwardedFrom.trackingNo}</a>}
          />
        ) : null}
        {view.forwardedTo ? (
          <Row k="已转送" v={<a href={caseUrl(view.forwardedTo.id)}>{view.forwardedTo.trackingNo}</a>} />
        ) : null}
        {c.notOurs ? <Row k="负责公开的机关" v={`${c.notOurs.name}（${c.notOurs.contact}）`} /> : null}
      </dl>
    </section>
  );
}

function Information({ view }: { view: CaseView }) {
  const i = view.case.info;
  return (
    <section aria-labelledby="h-info">
      <h2 id="h-info">所需信息</h2>
      <dl>
        <Row k="名称" v={i.title ?? '—'} />
        <Row k="文号" v={i.docNo ?? '—'} />
        <Row k="索引号" v={i.indexNo ?? '—'} />
        <Row k="内容描述" v={i.description} />
        <Row k="用途" v={i.purpose ?? '—'} />
        <Row k="指定提供方式" v={i.forms.map((f) => INFORMATION_FORM_LABELS[f]).join('、') || '—'} />
        <Row
          k="获取信息的方式"
          v={i.deliveryMethods.map((d) => DELIVERY_METHOD_LABELS[d]).join('、') || '—'}
        />
        <Row k="接受其他方式" v={i.acceptOtherForm ? '是' : '否'} />
        <Row k="计收件数" v={`${view.case.items}件`} />
      </dl>
      {view.attachments.length > 0 ? (
        <>
          <h3>申请材料</h3>
          <ul>
            {view.attachments.map((a) => {
              const label = ATTACHMENT_PURPOSES[a.purpose as AttachmentPurpose] ?? a.purpose;
              // Only those who may see the applicant's data get a link (the download is audited).
              const name = view.mayViewApplicant ? (
                <a href={attachmentUrl(view.case.id, a.id)}>{label}</a>
              ) : (
                label
              );
              return (
                <li key={a.id}>
                  {name}（{fileSize(a.size)}）
                </li>
              );
            })}
          </ul>
          {view.mayViewApplicant ? (
            <p class="hint">申请材料含有申请人信息，每次下载都记入审计日志。</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function ApplicantSection(p: { csrf: string; view: CaseView; applicant?: ApplicantData | null | undefined }) {
  const c = p.view.case;
  const a = p.applicant;
  return (
    <section aria-labelledby="h-applicant">
      <h2 id="h-applicant">申请人信息</h2>
      {p.view.erasedOn ? (
        <p class="notice">
          {ERASED_NOTICE}（{chineseDate(p.view.erasedOn)}）。
        </p>
      ) : a ? (
        <>
          <p class="notice warn">
            以下为申请人个人信息，本次查看已记入审计日志。仅用于办理本申请，不得外传。
          </p>
          <dl data-applicant="shown">
            <Row k="姓名或名称" v={a.name} />
            {a.workUnit ? <Row k="工作单位" v={a.workUnit} /> : null}
            {a.idKind ? (
              <Row k="证件" v={`${ID_DOCUMENT_KIND_LABELS[a.idKind]} ${a.idNumber ?? ''}`} />
            ) : null}
            {a.creditCode ? <Row k="统一社会信用代码" v={a.creditCode} /> : null}
            {a.noCreditCodeReason ? <Row k="无统一社会信用代码的原因" v={a.noCreditCodeReason} /> : null}
            {a.legalRepresentative ? <Row k="法定代表人或负责人" v={a.legalRepresentative} /> : null}
            {a.contactName ? <Row k="联系人" v={a.contactName} /> : null}
            <Row k="联系电话" v={a.phone} />
            {a.email ? <Row k="电子邮箱" v={a.email} /> : null}
            {a.fax ? <Row k="传真" v={a.fax} /> : null}
            {a.address ? <Row k="通信地址" v={a.address} /> : null}
            {a.postalCode ? <Row k="邮政编码" v={a.postalCode} /> : null}
            {a.agent ? (
              <Row
                k="代理人"
                v={`${a.agent.name}，${ID_DOCUMENT_KIND_LABELS[a.agent.idKind]} ${a.agent.idNumber}，${a.agent.phone}`}
              />
            ) : null}
          </dl>
        </>
      ) : p.view.mayViewApplicant ? (
        <form method="post" action={`${caseUrl(c.id)}/applicant`}>
          <Csrf token={p.csrf} />
          <p class="hint">申请人的姓名、证件、联系方式等个人信息默认不显示；查看时记入审计日志。</p>
          <button type="submit" class="secondary">
            查看申请人信息
          </button>
        </form>
      ) : (
        <>
          <button type="button" class="secondary" disabled aria-describedby="why-applicant">
            查看申请人信息
          </button>
          <Reasons
            id="why-applicant"
            reasons={['只有本申请的承办人、公开办负责人、审签领导和主管部门可以查看申请人信息']}
          />
        </>
      )}
    </section>
  );
}

function ClockSection({ view }: { view: CaseView }) {
  const c = view.case;
  const k = view.clock;
  return (
    <section aria-labelledby="h-clock">
      <h2 id="h-clock">答复期限</h2>
      {k ? (
        <>
          <dl>
            <Row
              k="答复期限"
              v={
                <>
                  {k.dueOn ? chineseDate(k.dueOn) : '暂无（停止或暂停计算中）'}
                  {k.provisionalYears.length > 0 ? (
                    <span class="tag">{k.provisionalYears.join('、')}年节假日安排未公布，暂估</span>
                  ) : null}
                </>
              }
            />
            <Row k="计时状态" v={CLOCK_STATE_LABELS[k.state]} />
            <Row k="期限" v={`${k.periodWorkdays}个工作日，自${chineseDate(k.clockStartOn)}起算`} />
            {k.workdaysUsed !== null ? <Row k="已用" v={`${k.workdaysUsed}个工作日`} /> : null}
            {k.state !== 'closed' && k.workdaysRemaining !== null ? (
              <Row k="剩余" v={workdaysLeftText(k.overdue ? -k.overdueWorkdays : k.workdaysRemaining)} />
            ) : null}
            {k.correctionDeadline ? <Row k="补正期限" v={chineseDate(k.correctionDeadline)} /> : null}
            {k.feePaymentDeadline ? <Row k="缴费期限" v={chineseDate(k.feePaymentDeadline)} /> : null}
          </dl>
          {k.issues.length > 0 ? (
            <div class="notice warn" role="status">
              <p>请注意：</p>
              <ul>
                {k.issues.map((i) => (
                  <li key={i.code + i.on}>{i.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <h3>期限计算说明</h3>
          <ol data-clock-steps="">
            {k.steps.map((s, n) => (
              <li key={n}>{s.text}</li>
            ))}
          </ol>
        </>
      ) : c.replyRound > 0 ? (
        <p>重新答复期间，答复期限以复议决定或判决为准：{chineseDate(c.redoDueOn)}。</p>
      ) : (
        <p class="muted">尚未确认收到申请，答复期限自确认收到申请之日起计算（第三十一条、第三十三条）。</p>
      )}
    </section>
  );
}

/** Timeline events that are not workflow actions (written by jobs). */
const OTHER_EVENT_LABELS: Record<string, string> = {
  recomputeClock: '工作日历调整后重新计算答复期限',
};

function eventTitle(e: CaseView['events'][number]): string {
  const base =
    ACTION_LABELS[e.action as CaseAction] ??
    INTAKE_EVENT_LABELS[e.action] ??
    OTHER_EVENT_LABELS[e.action] ??
    e.action;
  return e.kind === 'received' && e.action !== 'confirmReceipt' ? `${base}（收到申请）` : base;
}

function Timeline({ view }: { view: CaseView }) {
  return (
    <section aria-labelledby="h-timeline">
      <h2 id="h-timeline">办理记录</h2>
      <TableWrap label="办理记录">
        <table>
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">事项</th>
              <th scope="col">状态</th>
              <th scope="col">办理人</th>
              <th scope="col">说明</th>
              <th scope="col">登记时间</th>
            </tr>
          </thead>
          <tbody>
            {view.events.map((e) => (
              <tr key={e.id}>
                <td>{chineseDate(e.on)}</td>
                <td>{eventTitle(e)}</td>
                <td>
                  {e.fromState && e.toState && e.fromState !== e.toState
                    ? `${STATE_LABELS[e.fromState]} → ${STATE_LABELS[e.toState]}`
                    : e.toState
                      ? STATE_LABELS[e.toState]
                      : '—'}
                </td>
                <td>{e.actorLabel}</td>
                <td>{e.note ?? ''}</td>
                <td>{chinaTime(e.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function Letters({ view }: { view: CaseView }) {
  const c = view.case;
  return (
    <section aria-labelledby="h-letters">
      <h2 id="h-letters">文书</h2>
      {view.letters.length === 0 ? (
        <p class="muted">尚无文书。</p>
      ) : (
        <TableWrap label="文书">
          <table>
            <thead>
              <tr>
                <th scope="col">文号</th>
                <th scope="col">文书</th>
                <th scope="col">状态</th>
                <th scope="col">发出日期</th>
                <th scope="col">送达</th>
                <th scope="col">Word文件</th>
              </tr>
            </thead>
            <tbody>
              {view.letters.map((l) => (
                <tr key={l.id}>
                  <td>{l.number ?? '（审签后编号）'}</td>
                  <td>
                    {letterLabel(l)}
                    {l.outcome ? <span class="muted">（{outcomeFullLabel(l.outcome)}）</span> : null}
                    {l.superseded ? <span class="tag">已作废</span> : null}
                  </td>
                  <td>
                    {LETTER_STATUS_LABELS[l.status]}
                    {l.kind === 'reply' && l.approvedBy ? `，审签：${view.names[l.approvedBy] ?? '—'}` : ''}
                  </td>
                  <td>{chineseDate(l.sentOn)}</td>
                  <td>
                    {l.deliveredOn
                      ? `${chineseDate(l.deliveredOn)}，${DELIVERY_CHANNELS[l.deliveryChannel as DeliveryChannel] ?? l.deliveryChannel ?? ''}${l.deliveryProof ? `，凭证：${l.deliveryProof}` : ''}`
                      : '—'}
                  </td>
                  <td>
                    <a
                      href={`${caseUrl(c.id)}/letters/${encodeURIComponent(l.id)}/docx`}
                      aria-label={`下载${letterLabel(l)}${l.number ?? ''}（Word文件）`}
                    >
                      下载（.docx）
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p class="hint">
        文书模板在<a href="/admin/applications/templates">文书模板</a>中维护。
      </p>
    </section>
  );
}

function Consultations({ view }: { view: CaseView }) {
  const list = view.lc.facts.consultations;
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="h-consultations">
      <h2 id="h-consultations">征求意见</h2>
      <TableWrap label="征求意见">
        <table>
          <thead>
            <tr>
              <th scope="col">被征求意见方</th>
              <th scope="col">发函日期</th>
              <th scope="col">送达日期</th>
              <th scope="col">收到意见日期</th>
              <th scope="col">意见摘要</th>
            </tr>
          </thead>
          <tbody>
            {list.map((x) => (
              <tr key={x.id}>
                <td>
                  {x.addresseeKind === 'thirdParty' ? '第三方' : '其他行政机关'}：{x.addresseeName}
                </td>
                <td>{chineseDate(x.sentOn)}</td>
                <td>{chineseDate(x.reachedOn)}</td>
                <td>{chineseDate(x.answeredOn)}</td>
                <td>{x.answerSummary ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function FeeSection({ view }: { view: CaseView }) {
  const fee = view.lc.facts.fee;
  if (!fee) return null;
  return (
    <section aria-labelledby="h-fee">
      <h2 id="h-fee">信息处理费</h2>
      <dl>
        <Row k="计收方式" v={FEE_METHOD_LABELS[fee.mode]} />
        <Row k="金额" v={`${fee.amount}元`} />
        <Row k="计算说明" v={fee.explanation.join('')} />
        <Row k="收费通知发出日期" v={chineseDate(fee.noticeSentOn)} />
        <Row k="申请人收到通知日期" v={chineseDate(fee.noticeReceivedOn)} />
        <Row k="缴费日期" v={chineseDate(fee.paidOn)} />
        {fee.paymentCode ? <Row k="缴款码" v={fee.paymentCode} /> : null}
        {fee.receiptNo ? <Row k="票据号" v={fee.receiptNo} /> : null}
        {fee.refundedAmount > 0 ? (
          <Row
            k="已退费"
            v={`${fee.refundedAmount}元（${chineseDate(fee.refundedOn)}${fee.refundReason ? `，${fee.refundReason}` : ''}）`}
          />
        ) : null}
      </dl>
    </section>
  );
}

function Notifications(p: { csrf: string; view: CaseView }) {
  const list = p.view.notifications;
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="h-notifications" id="notifications">
      <h2 id="h-notifications">通知申请人</h2>
      <TableWrap label="通知申请人">
        <table>
          <thead>
            <tr>
              <th scope="col">通知</th>
              <th scope="col">方式</th>
              <th scope="col">状态</th>
              <th scope="col">发送时间</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {list.map((n) => (
              <tr key={n.id}>
                <td>{n.kindLabel}</td>
                <td>{n.channelLabel ?? '—'}</td>
                <td>
                  {n.statusLabel}
                  {n.attempts > 0 ? `（已尝试${n.attempts}次）` : ''}
                </td>
                <td>{chinaTime(n.sentAt)}</td>
                <td>
                  {n.reason ?? ''}
                  {n.status === 'failed' && p.view.mayRetryNotifications ? (
                    <form
                      method="post"
                      action={`${caseUrl(p.view.case.id)}/notifications/${encodeURIComponent(n.id)}/retry`}
                      class="inline"
                    >
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
      </TableWrap>
    </section>
  );
}

function Appeals({ view }: { view: CaseView }) {
  const list = view.lc.facts.appeals;
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="h-appeals">
      <h2 id="h-appeals">行政复议、行政诉讼</h2>
      <TableWrap label="行政复议、行政诉讼">
        <table>
          <thead>
            <tr>
              <th scope="col">类别</th>
              <th scope="col">复议机关或法院</th>
              <th scope="col">案号</th>
              <th scope="col">申请或起诉日期</th>
              <th scope="col">审结日期</th>
              <th scope="col">结果</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id}>
                <td>
                  {APPEAL_KIND_LABELS[a.kind]}
                  {a.afterReconsideration ? '（复议后起诉）' : ''}
                </td>
                <td>{a.bodyName}</td>
                <td>{a.caseNo ?? '—'}</td>
                <td>{chineseDate(a.filedOn)}</td>
                <td>{chineseDate(a.decidedOn)}</td>
                <td>{APPEAL_RESULT_LABELS[a.result]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

export function CasePage(p: CasePageProps) {
  const c = p.view.case;
  return (
    <article>
      <p>
        <a href="/admin/applications">← 依申请公开</a>
      </p>
      <h1>
        政府信息公开申请 {c.trackingNo} <span class="tag">{STATE_LABELS[c.state]}</span>
      </h1>
      <Notices message={p.message} />
      <FailureNotice error={p.error} />
      {p.forwarded ? (
        <div class="notice ok" role="status">
          已转送，负责机关的申请编号为{p.forwarded.trackingNo}，查询码为{p.forwarded.queryCode}
          （仅显示这一次，请告知申请人）。
        </div>
      ) : null}
      <Overview view={p.view} />
      <Information view={p.view} />
      <ApplicantSection csrf={p.csrf} view={p.view} applicant={p.applicant} />
      <ClockSection view={p.view} />
      <ActionsSection csrf={p.csrf} view={p.view} values={p.values} errors={p.error?.fields ?? []} />
      <Letters view={p.view} />
      <Consultations view={p.view} />
      <FeeSection view={p.view} />
      <Appeals view={p.view} />
      <Notifications csrf={p.csrf} view={p.view} />
      <Timeline view={p.view} />
    </article>
  );
}
