/**
 * The queues page's tools for working together: approving several items at once (待我审核), and for the
 * agency admin, who can stand in for whom and 转交草稿. Pure components.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../../platform/errors.js';
import { Csrf, SelectField, TextArea, type Values } from '../../../../platform/views/form.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';

/** The items of the review page that bulk approval may take (not at their last step), and the form's state. */
export interface BulkState {
  ids: string[];
  errors: FieldError[];
  values: Values;
}

export interface StaffRef {
  id: string;
  label: string;
}

export interface StandIn {
  /** Holders of each review role, e.g. { 初审: ['王初审（mz.reviewer）'] }. */
  reviewers: { step: string; role: string; people: string[] }[];
  /** People with drafts, with how many, for the 原经办人 select. */
  holders: { id: string; label: string; drafts: number; disabled: boolean }[];
  editors: StaffRef[];
  form: { values: Values; errors: FieldError[] };
}

export function BulkForm(p: {
  csrf: string;
  agencyId: string;
  bulk: BulkState;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={`/admin/publications/bulk-approve?agencyId=${p.agencyId}`}>
      <Csrf token={p.csrf} />
      {/* A group, not a fieldset: a fieldset's minimum width would stretch the page to the table's at 320 px. */}
      <div id="f-ids" role="group" aria-labelledby="h-bulk">
        <h2 id="h-bulk">批量审核通过</h2>
        <p class="hint">
          勾选要审核通过的信息后提交。每条信息单独办理，与在详情页逐条审核通过相同：能通过的转入下一环节，不能通过的（例如已被他人办理）保持原状并列出原因。
          处于最后一步（领导审签）的信息须在详情页逐条发布。
        </p>
        {p.children}
      </div>
      <TextArea
        name="comment"
        label="审核意见（可选，记入每条信息的流转记录）"
        rows={2}
        values={p.bulk.values}
        errors={p.bulk.errors}
      />
      <button type="submit">批量审核通过所选信息</button>
    </form>
  );
}

export function StandInSection(p: { csrf: string; agencyId: string; standIn: StandIn }) {
  const s = p.standIn;
  const f = { values: s.form.values, errors: s.form.errors };
  return (
    <section aria-labelledby="h-standin">
      <h2 id="h-standin">代为审核与转交草稿</h2>
      <p>
        审核按角色分派：持有某一审核角色的每个人都能在“待我审核”中看到并办理该环节。审核人员外出时，由本单位其他持有同一角色的人员办理即可，无需转交；
        如需增加代审人员，请在<a href="/admin/users">人员</a>
        中为其授予相应角色。无论谁代审，都不能审核本人经手的信息。
      </p>
      <TableWrap label="审核角色人员">
        <table>
          <caption>本单位各审核环节的人员</caption>
          <thead>
            <tr>
              <th scope="col">环节</th>
              <th scope="col">角色</th>
              <th scope="col">人员</th>
            </tr>
          </thead>
          <tbody>
            {s.reviewers.map((r) => (
              <tr key={r.step}>
                <th scope="row">{r.step}</th>
                <td>{r.role}</td>
                <td>
                  {r.people.length > 0 ? (
                    r.people.join('、')
                  ) : (
                    <strong>无人持有该角色，该环节无人办理</strong>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h3>转交草稿</h3>
      <p>
        编辑离职或长期不在岗时，可以把其名下的全部草稿转交给本单位另一位编辑。接手编辑成为草稿的经办人；原作者仍记录在案，不能审核这些信息。转交记入每条信息的流转记录和审计日志。
      </p>
      {s.holders.length === 0 ? (
        <p class="muted">本单位目前没有草稿。</p>
      ) : (
        <form
          method="post"
          action={`/admin/publications/reassign-drafts?agencyId=${p.agencyId}`}
          class="stack"
        >
          <Csrf token={p.csrf} />
          <SelectField
            name="fromUserId"
            label="原经办人"
            {...f}
            required
            options={[
              { value: '', label: '请选择' },
              ...s.holders.map((h) => ({
                value: h.id,
                label: `${h.label} · ${h.drafts}条草稿${h.disabled ? ' · 已停用' : ''}`,
              })),
            ]}
          />
          <SelectField
            name="toUserId"
            label="接手编辑"
            {...f}
            required
            options={[
              { value: '', label: '请选择' },
              ...s.editors.map((e) => ({ value: e.id, label: e.label })),
            ]}
          />
          <TextArea name="note" label="转交说明（可选）" rows={2} {...f} />
          <button type="submit">转交草稿</button>
        </form>
      )}
    </section>
  );
}
