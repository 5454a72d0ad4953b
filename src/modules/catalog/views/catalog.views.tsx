/** The catalogue tree and its node pages (back office). Pure components: plain data in, markup out. */
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../../../platform/views/form.js';
import {
  type CatalogNode,
  type CatalogTreeNode,
  isRequiredNode,
  MAX_DEPTH,
  NODE_KIND_LABELS,
} from '../catalog.js';
import { statutoryItem } from '../statutory.js';
import { type AgencyRef, CatalogTabs, type FormState, Notices, ReadOnlyNote } from './shared.views.js';

function NodeTags({ t }: { t: Pick<CatalogTreeNode, 'node' | 'hidden'> }) {
  const n = t.node;
  const item = statutoryItem(n.statutoryItem);
  return (
    <>
      <span class="tag">{NODE_KIND_LABELS[n.kind]}</span>
      {item ? <span class="tag">条例{item.citation}</span> : null}
      {n.holdsDocuments ? <span class="tag">显示文号</span> : null}
      {n.status === 'retired' ? (
        <span class="tag">已停用</span>
      ) : t.hidden ? (
        <span class="tag">随上级停用</span>
      ) : null}
    </>
  );
}

const canHaveChildren = (t: CatalogTreeNode) =>
  (t.node.kind === 'section' || t.node.kind === 'column') &&
  t.node.status === 'active' &&
  t.depth < MAX_DEPTH;

function MoveButton(p: { csrf: string; node: CatalogNode; direction: 'up' | 'down'; disabled: boolean }) {
  const label = p.direction === 'up' ? '上移' : '下移';
  return (
    <form method="post" action={`/admin/catalog/nodes/${p.node.id}/move`} class="inline">
      <Csrf token={p.csrf} />
      <input type="hidden" name="direction" value={p.direction} />
      <button type="submit" class="secondary" disabled={p.disabled} aria-label={`${label}“${p.node.name}”`}>
        {label}
      </button>
    </form>
  );
}

function TreeItem(p: { t: CatalogTreeNode; csrf: string; canEdit: boolean; first: boolean; last: boolean }) {
  const { t, csrf, canEdit } = p;
  const n = t.node;
  return (
    <li id={`n-${n.id}`}>
      <a href={`/admin/catalog/nodes/${n.id}`}>{n.name}</a>{' '}
      <span class="mono muted">/{n.slugPath.join('/')}</span> <NodeTags t={t} />
      {canEdit ? (
        <>
          {' '}
          <MoveButton csrf={csrf} node={n} direction="up" disabled={p.first} />{' '}
          <MoveButton csrf={csrf} node={n} direction="down" disabled={p.last} />
          {canHaveChildren(t) ? (
            <>
              {' '}
              <a href={`/admin/catalog/${n.agencyId}/nodes/new?parentId=${n.id}`}>添加下级栏目</a>
            </>
          ) : null}
        </>
      ) : null}
      {t.children.length > 0 ? <TreeList list={t.children} csrf={csrf} canEdit={canEdit} /> : null}
    </li>
  );
}

function TreeList(p: { list: CatalogTreeNode[]; csrf: string; canEdit: boolean; label?: string }) {
  return (
    <ul aria-label={p.label}>
      {p.list.map((t, i) => (
        <TreeItem
          key={t.node.id}
          t={t}
          csrf={p.csrf}
          canEdit={p.canEdit}
          first={i === 0}
          last={i === p.list.length - 1}
        />
      ))}
    </ul>
  );
}

export interface CatalogPageProps {
  csrf: string;
  agency: AgencyRef;
  tree: CatalogTreeNode[];
  canEdit: boolean;
  /** Agencies the viewer may switch to (supervisors, platform admin); null when only one. */
  choices: AgencyRef[] | null;
  guideProblems: string[];
  message?: string | undefined;
  notice?: string | undefined;
}

function AgencyPicker({ choices, current }: { choices: AgencyRef[]; current: string }) {
  return (
    <form method="get" action="/admin/catalog" class="stack">
      <SelectField
        name="agencyId"
        label="查看单位"
        values={{ agencyId: current }}
        errors={[]}
        options={choices.map((a) => ({ value: a.id, label: a.name }))}
      />
      <button type="submit" class="secondary">
        查看
      </button>
    </form>
  );
}

export function CatalogTreePage(p: CatalogPageProps) {
  return (
    <section>
      <h1>{p.agency.name} · 政府信息公开目录</h1>
      <CatalogTabs agency={p.agency} current="tree" />
      <Notices message={p.message} notice={p.notice} />
      {p.choices ? <AgencyPicker choices={p.choices} current={p.agency.id} /> : null}
      <ReadOnlyNote canEdit={p.canEdit} />
      {p.guideProblems.length > 0 ? (
        <div class="notice warn">
          <p>
            政府信息公开指南尚缺{p.guideProblems.length}项内容（条例第十二条），
            <a href={`/admin/catalog/${p.agency.id}/guide`}>前往补充</a>。
          </p>
        </div>
      ) : null}
      {p.tree.length === 0 ? (
        <>
          <p>本单位还没有政府信息公开目录。</p>
          {p.canEdit ? (
            <form method="post" action={`/admin/catalog/${p.agency.id}/default`}>
              <Csrf token={p.csrf} />
              <button type="submit">按行政层级建立默认目录</button>
            </form>
          ) : null}
        </>
      ) : (
        <>
          <p class="muted">
            停用的栏目仍保留其下级栏目和已发布的信息，仅对公众隐藏，可以随时恢复。栏目地址创建后不再改变。
          </p>
          {p.canEdit ? (
            <p>
              <a class="button" href={`/admin/catalog/${p.agency.id}/nodes/new`}>
                添加一级栏目
              </a>
            </p>
          ) : null}
          <div class="tree">
            <TreeList list={p.tree} csrf={p.csrf} canEdit={p.canEdit} label="栏目层级" />
          </div>
        </>
      )}
    </section>
  );
}

export interface NodePageProps {
  csrf: string;
  agency: AgencyRef;
  node: CatalogNode;
  parent: CatalogNode | null;
  /** Retired itself or below a retired node. */
  hidden: boolean;
  canEdit: boolean;
  edit: FormState;
  retire: FormState;
  message?: string | undefined;
  notice?: string | undefined;
}

export function NodePage(p: NodePageProps) {
  const n = p.node;
  const item = statutoryItem(n.statutoryItem);
  const required = isRequiredNode(n);
  const errors = [...p.edit.errors, ...p.retire.errors];
  return (
    <section>
      <h1>{n.name}</h1>
      <p>
        <a href={`/admin/catalog?agencyId=${p.agency.id}`}>返回{p.agency.name}的公开目录</a>
      </p>
      <Notices message={p.message} notice={p.notice} />
      <ErrorSummary errors={errors} />
      <ReadOnlyNote canEdit={p.canEdit} />
      <dl>
        <dt>类型</dt>
        <dd>
          <NodeTags t={{ node: n, hidden: p.hidden }} />
        </dd>
        <dt>地址</dt>
        <dd class="mono">/{n.slugPath.join('/')}</dd>
        <dt>上级栏目</dt>
        <dd>{p.parent ? p.parent.name : '无（一级栏目）'}</dd>
        {item ? (
          <>
            <dt>法定依据</dt>
            <dd>
              《政府信息公开条例》{item.citation}：{item.text}
            </dd>
          </>
        ) : null}
        <dt>状态</dt>
        <dd>
          {n.status === 'retired'
            ? `已停用${n.retiredAt ? `（${n.retiredAt.slice(0, 10)}）` : ''}${n.retiredReason ? `，原因：${n.retiredReason}` : ''}`
            : p.hidden
              ? '正常，但上级栏目已停用，公众看不到'
              : '正常'}
        </dd>
      </dl>
      {n.kind === 'guide' ? (
        <p>
          <a href={`/admin/catalog/${p.agency.id}/guide`}>{p.canEdit ? '编辑' : '查看'}政府信息公开指南</a>
        </p>
      ) : null}
      {n.kind === 'page' && !p.canEdit ? (
        <section>
          <h2>页面正文</h2>
          {(n.body ?? '').split(/\n{2,}/).map((para) => (
            <p key={para}>{para}</p>
          ))}
        </section>
      ) : null}
      {p.canEdit && n.status === 'active' ? <EditForm {...p} /> : null}
      {p.canEdit && n.status === 'active' ? (
        required ? (
          <p class="muted">这是政府信息公开专栏的规定栏目，不能停用；可以改名或调整顺序。</p>
        ) : (
          <RetireForm {...p} />
        )
      ) : null}
      {p.canEdit && n.status === 'retired' ? (
        <form method="post" action={`/admin/catalog/nodes/${n.id}/restore`}>
          <Csrf token={p.csrf} />
          <button type="submit">恢复栏目</button>
        </form>
      ) : null}
    </section>
  );
}

function EditForm(p: NodePageProps) {
  const n = p.node;
  const f = { values: p.edit.values, errors: p.edit.errors };
  return (
    <form method="post" action={`/admin/catalog/nodes/${n.id}`} class="stack" novalidate>
      <h2>修改</h2>
      <Csrf token={p.csrf} />
      <TextField name="name" label="栏目名称" {...f} required hint="最多30个字" />
      {n.kind === 'column' ? (
        <CheckboxGroup
          name="holdsDocuments"
          label="列表显示"
          {...f}
          options={[{ value: '1', label: '文件类栏目：列表显示文号' }]}
        />
      ) : null}
      {n.kind === 'page' ? (
        <TextArea name="body" label="页面正文" {...f} rows={14} hint="纯文本，段落之间空一行" />
      ) : null}
      <button type="submit">保存</button>
    </form>
  );
}

function RetireForm(p: NodePageProps) {
  const n = p.node;
  const f = { values: p.retire.values, errors: p.retire.errors };
  return (
    <form method="post" action={`/admin/catalog/nodes/${n.id}/retire`} class="stack" novalidate>
      <h2>停用</h2>
      <p>停用后栏目及其下级栏目对公众隐藏；栏目、下级栏目和其中的信息全部保留，可以随时恢复。</p>
      <Csrf token={p.csrf} />
      <TextArea
        name="reason"
        label="停用原因"
        {...f}
        rows={3}
        required={n.statutoryItem !== null}
        hint={
          n.statutoryItem !== null ? '法定公开栏目须说明原因，如“不属于本机关职责范围”' : '选填，最多200个字'
        }
      />
      <button type="submit" class="secondary">
        停用栏目
      </button>
    </form>
  );
}

export interface NewNodePageProps {
  csrf: string;
  agency: AgencyRef;
  /** Nodes that may take a child, in tree order. */
  parents: CatalogTreeNode[];
  form: FormState;
  notice?: string | undefined;
}

export function NewNodePage(p: NewNodePageProps) {
  const f = { values: p.form.values, errors: p.form.errors };
  const parents = [
    { value: '', label: '无（一级栏目）' },
    ...p.parents.map((t) => ({ value: t.node.id, label: `${'－'.repeat(t.depth - 1)}${t.node.name}` })),
  ];
  return (
    <section>
      <h1>添加栏目</h1>
      <p>
        <a href={`/admin/catalog?agencyId=${p.agency.id}`}>返回{p.agency.name}的公开目录</a>
      </p>
      <Notices notice={p.notice} />
      <ErrorSummary errors={p.form.errors} />
      <form method="post" action={`/admin/catalog/${p.agency.id}/nodes`} class="stack" novalidate>
        <Csrf token={p.csrf} />
        <SelectField name="parentId" label="上级栏目" {...f} options={parents} />
        <TextField name="name" label="栏目名称" {...f} required hint="最多30个字" />
        <TextField
          name="slug"
          label="栏目地址"
          {...f}
          hint="小写字母、数字和连字符，如 zdlyxxgk；不填则自动生成。创建后不能修改。"
        />
        <SelectField
          name="kind"
          label="栏目类型"
          {...f}
          required
          options={[
            { value: 'column', label: '信息栏目（发布政府信息）' },
            { value: 'page', label: '页面（一段可编辑的说明文字）' },
          ]}
        />
        <CheckboxGroup
          name="holdsDocuments"
          label="列表显示（信息栏目）"
          {...f}
          options={[{ value: '1', label: '文件类栏目：列表显示文号' }]}
        />
        <TextArea name="body" label="页面正文（页面）" {...f} rows={8} hint="纯文本，段落之间空一行" />
        <button type="submit">添加栏目</button>
      </form>
    </section>
  );
}
