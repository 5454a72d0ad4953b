/** The result of a bulk approval: which items passed, which were refused and why. Pure component. */
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import type { AgencyRef } from '../admin-helpers.js';

export interface BulkItem {
  id: string;
  title: string;
  /** Readable by the person: link to its page. */
  linked: boolean;
  ok: boolean;
  /** Passed: where it went (e.g. 待保密审查). Refused: the reasons. */
  outcome: string[];
}

export function BulkResultPage({ agency, items }: { agency: AgencyRef; items: BulkItem[] }) {
  const passed = items.filter((i) => i.ok);
  const refused = items.filter((i) => !i.ok);
  const Table = ({ list, caption, head }: { list: BulkItem[]; caption: string; head: string }) => (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">信息</th>
            <th scope="col">{head}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                {i.linked ? <a href={`/admin/publications/${i.id}`}>{i.title}</a> : i.title}
              </th>
              <td>
                {i.outcome.length === 1 ? (
                  i.outcome[0]
                ) : (
                  <ul>
                    {i.outcome.map((o) => (
                      <li key={o}>{o}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
  return (
    <section>
      <h1>批量审核结果</h1>
      <div class={refused.length > 0 ? 'notice warn' : 'notice ok'} role="status">
        <p>
          共选择{items.length}条：审核通过{passed.length}条，未能通过{refused.length}条。
        </p>
        <p>
          批量审核逐条办理，不是“全部成功或全部不办”：每条信息与在详情页单独审核通过相同，能通过的已转入下一环节并记入流转记录；未能通过的保持原状，原因列在下面，请逐条处理。
        </p>
      </div>
      {passed.length > 0 ? <Table list={passed} caption="已审核通过" head="转入环节" /> : null}
      {refused.length > 0 ? <Table list={refused} caption="未能审核通过" head="原因" /> : null}
      <p>
        <a href={`/admin/publications?agencyId=${agency.id}&queue=review`}>返回“待我审核”</a>
      </p>
    </section>
  );
}
