/**
 * 政策解读 links on the detail page (§5.7: policy and interpretation link to each other): an
 * interpretation lists the policies it explains and links more; a policy of a genre that needs one
 * lists its interpretations or shows 待解读. Pure component.
 */
import type { AppError } from '../../../../platform/errors.js';
import { Csrf, type Values } from '../../../../platform/views/form.js';
import type { Publication } from '../../publications.js';
import { INTERPRETATION_REQUIRED_GENRES } from '../../vocabulary.js';
import { STATE_LABELS } from '../../workflow.js';
import { actionOf, type DetailView } from '../detail-page.js';
import { Reasons, Select, str } from './shared.views.js';

export function PolicyLinks(p: {
  csrf: string;
  view: DetailView;
  values: Values;
  errors: AppError['fields'];
}) {
  const { detail } = p.view;
  const pub = detail.publication;
  const link = actionOf(p.view, 'linkInterpretation');
  const title = (x: Publication) => `${x.title}${x.docNo ? `（${x.docNo}）` : ''}`;
  if (pub.genre === 'interpretation')
    return (
      <section aria-labelledby="h-links">
        <h2 id="h-links">解读的政策文件</h2>
        {detail.policies.length === 0 ? (
          <p>尚未关联政策文件。政策解读须关联其解读的政策文件，两者页面互相链接。</p>
        ) : (
          <ul>
            {detail.policies.map((x) => (
              <li key={x.id}>
                <a href={`/admin/publications/${x.id}`}>{title(x)}</a>{' '}
                {link.allowed ? (
                  <form
                    method="post"
                    action={`/admin/publications/${pub.id}/links/${x.id}/delete`}
                    class="inline"
                  >
                    <Csrf token={p.csrf} />
                    <button type="submit" class="secondary" aria-label={`取消关联“${x.title}”`}>
                      取消关联
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {link.allowed ? (
          p.view.policyOptions.length === 0 ? (
            <p class="muted">本单位没有可关联的已发布规章或行政规范性文件。</p>
          ) : (
            <form method="post" action={`/admin/publications/${pub.id}/link`} class="stack">
              <Csrf token={p.csrf} />
              <Select
                id="f-link-policyId"
                name="link-policyId"
                label="选择政策文件"
                required
                options={[
                  { value: '', label: '请选择' },
                  ...p.view.policyOptions.map((o) => ({
                    value: o.id,
                    label: `${o.awaiting ? '〔待解读〕' : ''}${o.title}${o.docNo ? `（${o.docNo}）` : ''}`,
                  })),
                ]}
                value={str(p.values['link-policyId'])}
                error={p.errors.find((e) => e.field === 'link-policyId')?.message}
              />
              <button type="submit">关联政策文件</button>
            </form>
          )
        ) : (
          <div>
            <button type="button" class="secondary" disabled aria-describedby="why-link">
              关联政策文件
            </button>
            <Reasons id="why-link" reasons={link.reasons} />
          </div>
        )}
      </section>
    );
  if (pub.genre && INTERPRETATION_REQUIRED_GENRES.includes(pub.genre))
    return (
      <section aria-labelledby="h-links">
        <h2 id="h-links">政策解读</h2>
        {detail.interpretations.length === 0 ? (
          <p>
            <span class="tag">待解读</span>
            尚未关联政策解读。规章和行政规范性文件应同步发布解读：新建体裁为“政策解读”的信息，并在其中关联本文件。
          </p>
        ) : (
          <ul>
            {detail.interpretations.map((x) => (
              <li key={x.id}>
                <a href={`/admin/publications/${x.id}`}>{title(x)}</a>{' '}
                <span class="tag">{STATE_LABELS[x.state]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  return null;
}
