/** A publication's published versions and its workflow log (who, when, what, comment). Pure components. */
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import { STATE_LABELS, TRANSITION_LABELS, type Transition } from '../../workflow.js';
import type { DetailView } from '../detail-page.js';
import { chinaTime, chineseDate } from '../format.js';

const EVENT_LABELS: Record<string, string> = {
  ...TRANSITION_LABELS,
  setValidity: '标注有效性',
  reassign: '转交草稿',
};

export const eventLabel = (action: string) => EVENT_LABELS[action as Transition] ?? action;

export function Versions({ view }: { view: DetailView }) {
  const list = view.detail.versions;
  return (
    <section aria-labelledby="h-versions">
      <h2 id="h-versions">版本记录</h2>
      {list.length === 0 ? (
        <p class="muted">尚未发布过。</p>
      ) : (
        <TableWrap label="已发布的版本">
          <table>
            <caption>已发布的版本（公众看到的内容）</caption>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">标题</th>
                <th scope="col">形成（变更）日期</th>
                <th scope="col">公开期限</th>
                <th scope="col">发布日期</th>
                <th scope="col">是否按时</th>
                <th scope="col">发布人</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={String(v.version)}>
                  <th scope="row">第{v.version}版</th>
                  <td>{v.title}</td>
                  <td>{chineseDate(v.formedOn)}</td>
                  <td>{chineseDate(v.dueOn)}</td>
                  <td>{chineseDate(v.publishedOn)}</td>
                  <td>{!v.dueOn ? '—' : v.publishedOn <= v.dueOn ? '按时' : '逾期'}</td>
                  <td>{v.publishedBy ? (view.people[v.publishedBy] ?? '—') : '系统（定时发布）'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export function WorkflowLog({ view }: { view: DetailView }) {
  const events = view.detail.events;
  return (
    <section aria-labelledby="h-log">
      <h2 id="h-log">流转记录</h2>
      {events.length === 0 ? (
        <p class="muted">尚无流转记录。</p>
      ) : (
        <TableWrap label="流转记录">
          <table>
            <caption>流转记录（{events.length}条，按时间先后）</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">人员</th>
                <th scope="col">操作</th>
                <th scope="col">状态</th>
                <th scope="col">意见</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{chinaTime(e.at)}</th>
                  <td>{e.actorLabel}</td>
                  <td>{eventLabel(e.action)}</td>
                  <td>
                    {e.fromState === e.toState
                      ? STATE_LABELS[e.toState]
                      : `${STATE_LABELS[e.fromState]} → ${STATE_LABELS[e.toState]}`}
                  </td>
                  <td>{e.comment ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
