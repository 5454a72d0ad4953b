/** 待解读: published policies of a genre that needs an interpretation, still without one (§5.7). */
import type { LegalDate } from '../../../../platform/legal-date.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import { AgencyFilter, dateText, daysSince, type Named } from './shared.views.js';

export interface AwaitingItem {
  id: string;
  agencyName: string;
  title: string;
  docNo: string | null;
  genreLabel: string;
  publishedOn: string | null;
}

export interface InterpretationsPageProps {
  /** Supervisors and the platform admin see their scope; agency staff their own agency. */
  overseer: boolean;
  agency: Named | null;
  agencies: Named[] | null;
  items: AwaitingItem[];
  today: LegalDate;
}

export function InterpretationsPage(p: InterpretationsPageProps) {
  const showAgency = p.agency === null && p.agencies !== null;
  return (
    <section>
      {p.overseer ? (
        <p>
          <a href="/admin/oversight">返回政务公开监督</a>
        </p>
      ) : null}
      <h1>{p.agency ? `${p.agency.name} · ` : ''}待解读的政策文件</h1>
      <p class="muted">
        {'已发布、仍有效的规章和行政规范性文件中，尚未关联政策解读的。' +
          '按“谁起草、谁解读”，政策解读应与文件同步起草、同步审签、同步发布，并与文件互相链接：' +
          '在政策解读稿件中关联对应的政策文件后，该文件即不再列为待解读。'}
      </p>
      {p.agencies ? (
        <AgencyFilter
          action="/admin/oversight/interpretations"
          agencies={p.agencies}
          selected={p.agency?.id ?? ''}
        />
      ) : null}
      {p.items.length === 0 ? (
        <p class="muted">没有待解读的政策文件。</p>
      ) : (
        <TableWrap label="待解读的政策文件">
          <table>
            <caption>待解读的政策文件共{p.items.length}件，按发布日期从早到晚排列</caption>
            <thead>
              <tr>
                {showAgency ? <th scope="col">单位</th> : null}
                <th scope="col">标题</th>
                <th scope="col">文号</th>
                <th scope="col">体裁</th>
                <th scope="col">发布日期</th>
                <th scope="col" class="num">
                  已发布天数
                </th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr key={i.id}>
                  {showAgency ? <td>{i.agencyName}</td> : null}
                  <th scope="row">
                    <a href={`/admin/publications/${i.id}`}>{i.title}</a>
                  </th>
                  <td>{i.docNo ?? '—'}</td>
                  <td>{i.genreLabel}</td>
                  <td>{dateText(i.publishedOn)}</td>
                  <td class="num">{i.publishedOn ? `${daysSince(i.publishedOn, p.today)}天` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
