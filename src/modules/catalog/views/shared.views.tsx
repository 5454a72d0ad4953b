/** Pieces the catalogue, 指南 and settings pages share. Pure components: plain data in, markup out. */
import type { FieldError } from '../../../platform/errors.js';
import type { Values } from '../../../platform/views/form.js';
import { Notices } from '../../../platform/views/notices.js';

export interface FormState {
  values: Values;
  errors: FieldError[];
}

export interface AgencyRef {
  id: string;
  name: string;
  code: string;
}

/** What to tell the user after a redirect (`?done=`): fixed texts, never echoed input. */
export const DONE_MESSAGES: Record<string, string> = {
  added: '已添加栏目。',
  updated: '已保存修改。',
  moved: '已调整顺序。',
  retired: '已停用该栏目。栏目及其下级栏目和信息全部保留，公众不再看到。',
  restored: '已恢复该栏目。',
  created: '已按本单位的行政层级建立默认目录和指南。',
  guide: '已保存政府信息公开指南。',
  settings: '已保存公开设置。',
};

export { Notices };

export function ReadOnlyNote({ canEdit }: { canEdit: boolean }) {
  if (canEdit) return null;
  return <p class="notice warn">您可以查看。只有本单位的单位管理员可以修改。</p>;
}

/** Section navigation shared by the three pages of one agency. */
export function CatalogTabs({
  agency,
  current,
}: {
  agency: AgencyRef;
  current: 'tree' | 'guide' | 'settings';
}) {
  const tabs = [
    { key: 'tree', href: `/admin/catalog?agencyId=${agency.id}`, label: '公开目录' },
    { key: 'guide', href: `/admin/catalog/${agency.id}/guide`, label: '政府信息公开指南' },
    { key: 'settings', href: `/admin/catalog/${agency.id}/settings`, label: '公开设置' },
  ];
  return (
    <nav aria-label="政府信息公开设置">
      <p>
        {tabs.map((t, i) => (
          <span key={t.key}>
            {i > 0 ? ' · ' : ''}
            {t.key === current ? (
              <strong aria-current="page">{t.label}</strong>
            ) : (
              <a href={t.href}>{t.label}</a>
            )}
          </span>
        ))}
      </p>
    </nav>
  );
}
