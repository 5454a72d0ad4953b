/**
 * The detail page of a publication for staff: overview, checks and body, attachments, actions, 政策解读
 * links, published versions and the workflow log. Pure components: plain data in, markup out.
 */
import type { AppError } from '../../../../platform/errors.js';
import type { Values } from '../../../../platform/views/form.js';
import {
  ATTRIBUTE_LABELS,
  GENRE_LABELS,
  TOPIC_LABELS,
  VALIDITY_GENRES,
  VALIDITY_LABELS,
  WITHHOLD_GROUND_LABELS,
} from '../../vocabulary.js';
import { STATE_LABELS } from '../../workflow.js';
import type { DetailView } from '../detail-page.js';
import { chinaTime, chineseDate } from '../format.js';
import { ActionsSection } from './actions.views.js';
import { AttachmentsSection } from './attachments.views.js';
import { FindingsSection, MarkedBody } from './findings.views.js';
import { Versions, WorkflowLog } from './history.views.js';
import { PolicyLinks } from './links.views.js';
import { FailureNotice, Notices, StateText } from './shared.views.js';

function Overview({ view }: { view: DetailView }) {
  const p = view.detail.publication;
  const person = (id: string | null) => (id ? (view.people[id] ?? '—') : '—');
  const withheld = p.disclosureAttribute !== 'proactive';
  return (
    <section aria-labelledby="h-overview">
      <h2 id="h-overview">基本信息</h2>
      <dl>
        <dt>状态</dt>
        <dd>
          <StateText pub={p} /> 第{p.version}版{p.round > 0 ? `，第${p.round}轮审核` : ''}
          {p.steps.length > 0
            ? `（审核环节：${p.steps.map((s) => STATE_LABELS[s].replace('待', '')).join('→')}）`
            : ''}
        </dd>
        <dt>索引号</dt>
        <dd class="mono">{p.indexNo ?? (withheld ? '不发布，不生成' : '发布时生成')}</dd>
        <dt>栏目</dt>
        <dd>{view.columnName ?? '未选择'}</dd>
        <dt>发布机构</dt>
        <dd>{p.publisherName || '—'}</dd>
        <dt>文号</dt>
        <dd>{p.docNo ?? '—'}</dd>
        <dt>成文日期</dt>
        <dd>{chineseDate(p.writtenOn)}</dd>
        <dt>{p.publishedVersion !== null && p.version > 1 ? '变更日期' : '形成日期'}</dt>
        <dd>{chineseDate(p.formedOn)}</dd>
        <dt>主题分类</dt>
        <dd>{p.topic ? TOPIC_LABELS[p.topic] : '—'}</dd>
        <dt>体裁</dt>
        <dd>{p.genre ? GENRE_LABELS[p.genre] : '—'}</dd>
        {p.genre && VALIDITY_GENRES.includes(p.genre) ? (
          <>
            <dt>有效性</dt>
            <dd>
              {p.validity ? VALIDITY_LABELS[p.validity] : '—'}
              {p.validityNote ? `（${p.validityNote}）` : ''}
              {p.validityChangedOn ? `，${chineseDate(p.validityChangedOn)}标注` : ''}
            </dd>
          </>
        ) : null}
        <dt>公开属性</dt>
        <dd>{ATTRIBUTE_LABELS[p.disclosureAttribute]}</dd>
        {withheld ? (
          <>
            <dt>不公开理由</dt>
            <dd>
              {p.withholdGround ? `${p.withholdGround} ${WITHHOLD_GROUND_LABELS[p.withholdGround]}` : '—'}
              {p.withholdReason ? `：${p.withholdReason}` : ''}
            </dd>
          </>
        ) : null}
        {p.state === 'registered' ? (
          <>
            <dt>登记日期与下次复核</dt>
            <dd>
              {chineseDate(p.decidedOn)}登记，{chineseDate(p.nextReviewOn)}前复核（条例第十八条）
            </dd>
          </>
        ) : null}
        <dt>关键词</dt>
        <dd>{p.keywords.length > 0 ? p.keywords.join('、') : '—'}</dd>
        <dt>内容概述</dt>
        <dd>{p.summary || '—'}</dd>
        {p.publishedAt ? (
          <>
            <dt>发布时间</dt>
            <dd>
              {chinaTime(p.publishedAt)}（第{p.publishedVersion}版）
              {p.firstPublishedAt && p.firstPublishedAt !== p.publishedAt
                ? `，首次发布于${chinaTime(p.firstPublishedAt)}`
                : ''}
            </dd>
          </>
        ) : null}
        {p.scheduledAt ? (
          <>
            <dt>定时发布</dt>
            <dd>
              {chinaTime(p.scheduledAt)}（北京时间，{person(p.scheduledBy)}设定）
            </dd>
          </>
        ) : null}
        {p.withdrawnAt ? (
          <>
            <dt>撤回</dt>
            <dd>
              {chinaTime(p.withdrawnAt)}：{p.withdrawnReason}
            </dd>
          </>
        ) : null}
        <dt>经办</dt>
        <dd>
          起草：{person(p.createdBy)}；最后修改：{person(p.updatedBy)}
          {p.submittedBy ? `；提交：${person(p.submittedBy)}` : ''}
          {p.source === 'imported' ? '（导入）' : ''}
        </dd>
      </dl>
    </section>
  );
}

function BodySection({ view }: { view: DetailView }) {
  const { publication: p, findings } = view.detail;
  const marked = findings.some((f) => f.source.type === 'body');
  return (
    <section aria-labelledby="h-body">
      <h2 id="h-body">正文</h2>
      {!p.bodyText ? (
        <p class="muted">尚未填写正文。</p>
      ) : marked ? (
        <>
          <p class="hint">
            以下为正文文字，检查发现的内容已脱敏并用“〔类型·处理情况〕”标出。公开页面的排版见“预览”。
          </p>
          <MarkedBody text={p.bodyText} findings={findings} />
        </>
      ) : (
        // The body HTML was sanitised to a safe subset when it was saved (body.ts).
        <div class="card" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
      )}
    </section>
  );
}

export interface DetailPageProps {
  csrf: string;
  view: DetailView;
  message?: string | undefined;
  error?: AppError | undefined;
  values: Values;
}

export function DetailPage(p: DetailPageProps) {
  const pub = p.view.detail.publication;
  const errors = p.error?.code === 'validation_failed' ? p.error.fields : [];
  const sections = [
    ['h-overview', '基本信息'],
    ['h-checks', '检查结果'],
    ['h-body', '正文'],
    ['h-attachments', '附件'],
    ['h-actions', '办理'],
    ['h-versions', '版本记录'],
    ['h-log', '流转记录'],
  ];
  return (
    <article>
      <h1>{pub.title || '（未填写标题）'}</h1>
      <p>
        <StateText pub={pub} /> {p.view.agencyName}
      </p>
      <Notices message={p.message} />
      <FailureNotice error={p.error} />
      <nav aria-label="本页内容">
        <p>
          {sections.map(([id, label], i) => (
            <span key={id}>
              {i > 0 ? ' · ' : ''}
              <a href={`#${id}`}>{label}</a>
            </span>
          ))}
          {' · '}
          <a href={`/admin/publications/${pub.id}/preview`}>预览</a>
          {p.view.publicUrl ? (
            <>
              {' · '}
              <a href={p.view.publicUrl}>查看公开页面</a>
            </>
          ) : null}
          {' · '}
          <a href={`/admin/publications?agencyId=${pub.agencyId}`}>返回队列</a>
        </p>
      </nav>
      <Overview view={p.view} />
      <FindingsSection csrf={p.csrf} view={p.view} values={p.values} errors={errors} />
      <BodySection view={p.view} />
      <AttachmentsSection csrf={p.csrf} view={p.view} errors={errors} />
      <ActionsSection csrf={p.csrf} view={p.view} values={p.values} errors={errors} />
      <PolicyLinks csrf={p.csrf} view={p.view} values={p.values} errors={errors} />
      <Versions view={p.view} />
      <WorkflowLog view={p.view} />
    </article>
  );
}
