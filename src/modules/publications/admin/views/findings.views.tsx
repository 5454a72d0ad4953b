/**
 * The automatic checks on the detail page: the body with each finding marked in place (a text label,
 * not colour alone; masked values only), the one-click masking, the findings table with a written
 * override per finding, and the warnings with the 第二十六条 due date. Pure components.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../../platform/errors.js';
import { Csrf, TextArea, type Values } from '../../../../platform/views/form.js';
import { FINDING_KIND_LABELS } from '../../../checks/findings.js';
import { type PublicationFinding, sourceLabel } from '../../findings.js';
import type { ActionAvailability } from '../../publications.policy.js';
import { findingSlug } from '../admin-helpers.js';
import type { DetailView } from '../detail-page.js';
import { actionOf } from '../detail-page.js';
import { chinaTime, chineseDate } from '../format.js';
import { Reasons } from './shared.views.js';

const statusOf = (f: PublicationFinding) =>
  f.override ? '已说明理由忽略' : f.severity === 'blocking' ? '须处理' : '提示';

/** Text with its line breaks kept. */
function Lines({ text }: { text: string }) {
  const parts = text.split('\n');
  return (
    <>
      {parts.map((line, i) => (
        <span key={String(i)}>
          {i > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </>
  );
}

/**
 * The body's plain text (what the checks read) with every finding replaced by its masked display inside
 * a <mark> that says what it is — so the clear value never reaches the page.
 */
export function MarkedBody({ text, findings }: { text: string; findings: PublicationFinding[] }) {
  const sorted = findings.filter((f) => f.source.type === 'body').sort((a, b) => a.start - b.start);
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const f of sorted) {
    if (f.start < at) continue; // overlapping matches: the first one covers the text
    out.push(<Lines key={`t${at}`} text={text.slice(at, f.start)} />);
    out.push(
      <mark key={`m${f.start}`}>
        <strong>
          〔{FINDING_KIND_LABELS[f.kind]}·{statusOf(f)}〕
        </strong>
        {f.display}
      </mark>,
    );
    at = f.end;
  }
  out.push(<Lines key={`t${at}`} text={text.slice(at)} />);
  return <div class="card">{out}</div>;
}

function OverrideCell(p: {
  csrf: string;
  publicationId: string;
  f: PublicationFinding;
  first: boolean;
  override: ActionAvailability;
  values: Values;
  errors: FieldError[];
}) {
  const { f } = p;
  if (f.override)
    return (
      <>
        已忽略：{f.override.reason}（{f.override.actorLabel}，{chinaTime(f.override.at)}）
      </>
    );
  if (f.severity === 'warning') return <>提示，不影响提交和发布</>;
  if (!p.first) return <>与上方同一内容，一并处理</>;
  const fix =
    f.source.type === 'attachment'
      ? '请更换附件，或说明理由后忽略。'
      : f.kind === 'sensitiveWord'
        ? '请修改正文，或说明理由后忽略。'
        : '可一键脱敏或修改正文，或说明理由后忽略。';
  if (!p.override.allowed)
    return (
      <>
        {fix}
        <Reasons id={`why-ov-${findingSlug(f.key)}`} reasons={p.override.reasons} />
      </>
    );
  const name = `ov-${findingSlug(f.key)}-reason`;
  return (
    <form method="post" action={`/admin/publications/${p.publicationId}/override`}>
      <Csrf token={p.csrf} />
      <input type="hidden" name="findingKey" value={f.key} />
      <p class="hint">{fix}</p>
      <TextArea
        name={name}
        label={`忽略理由（${FINDING_KIND_LABELS[f.kind]} ${f.display}）`}
        hint="至少4个字，说明为何可以公开；记入审计日志"
        rows={2}
        required
        values={p.values}
        errors={p.errors}
      />
      <button type="submit" class="secondary">
        说明理由后忽略
      </button>
    </form>
  );
}

export function FindingsSection(p: { csrf: string; view: DetailView; values: Values; errors: FieldError[] }) {
  const { detail } = p.view;
  const pub = detail.publication;
  const findings = detail.findings;
  const override = actionOf(p.view, 'overrideFinding');
  const mask = actionOf(p.view, 'maskFindings');
  const seen = new Set<string>();
  const bodyMaskable = findings.some(
    (f) => f.source.type === 'body' && (f.kind === 'idNumber' || f.kind === 'bankCard') && !f.override,
  );
  return (
    <section aria-labelledby="h-checks">
      <h2 id="h-checks">检查结果</h2>
      <DueDate view={p.view} />
      {detail.warnings.length > 0 ? (
        <div class="notice warn">
          <h3>提示（不影响提交和发布，请审核时留意）</h3>
          <ul>
            {detail.warnings.map((w) => (
              <li key={w.code + w.message}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {findings.length === 0 ? (
        <p>自动检查未在正文和附件中发现身份证号、银行卡号、敏感词、手机号码或电子邮箱。</p>
      ) : (
        <>
          <h3>自动检查发现的问题（{findings.length}处，内容已脱敏显示）</h3>
          <ul class="cards">
            {findings.map((f, i) => {
              const first = !seen.has(f.key);
              seen.add(f.key);
              return (
                <li class="card" key={`${f.key}-${i}`}>
                  <p>
                    <strong>
                      {sourceLabel(f.source)}：{FINDING_KIND_LABELS[f.kind]}
                    </strong>{' '}
                    <span class="tag">{statusOf(f)}</span>
                  </p>
                  <p class="mono">{f.display}</p>
                  <p class="muted">{f.message}</p>
                  <OverrideCell
                    csrf={p.csrf}
                    publicationId={pub.id}
                    f={f}
                    first={first}
                    override={override}
                    values={p.values}
                    errors={p.errors}
                  />
                </li>
              );
            })}
          </ul>
        </>
      )}
      {bodyMaskable ? (
        mask.allowed ? (
          <form method="post" action={`/admin/publications/${pub.id}/mask`}>
            <Csrf token={p.csrf} />
            <p>一键脱敏把正文中的身份证号改为“110***********1234”的形式、银行卡号只保留末四位。</p>
            <button type="submit">一键脱敏</button>
          </form>
        ) : (
          <div>
            <button type="button" class="secondary" disabled aria-describedby="why-mask">
              一键脱敏
            </button>
            <Reasons id="why-mask" reasons={mask.reasons} />
          </div>
        )
      ) : null}
    </section>
  );
}

function DueDate({ view }: { view: DetailView }) {
  const pub = view.detail.publication;
  if (pub.disclosureAttribute !== 'proactive') return null;
  if (!pub.formedOn || !pub.dueOn)
    return <p>公开时限：填写形成（变更）日期后，系统按条例第二十六条计算公开期限（20个工作日）。</p>;
  const published = pub.state === 'published' && pub.publishedOn && pub.publishedVersion === pub.version;
  const outcome = published
    ? pub.publishedOn! > pub.dueOn
      ? `已于${chineseDate(pub.publishedOn)}发布，晚于公开期限。`
      : `已于${chineseDate(pub.publishedOn)}按时发布。`
    : '';
  return (
    <p>
      公开时限（条例第二十六条）：自{pub.publishedVersion !== null && pub.version > 1 ? '变更' : '形成'}日期
      {chineseDate(pub.formedOn)}起20个工作日内公开，即不晚于<strong>{chineseDate(pub.dueOn)}</strong>。
      {outcome}
    </p>
  );
}
