/**
 * The item page's metadata block, in the order gov.cn's 政策文件库 and provincial portals use
 * (portal-and-letters.md §3): 索引号 | 主题分类 / 发文机关 | 成文日期 / 标题 (full row) / 发文字号 |
 * 发布日期 / 有效性. A description list: two pairs per row on wide screens, one per row on narrow
 * ones; labels are justified to equal width by CSS rather than padded with spaces, so screen
 * readers read them as words.
 */
import { type PublicItem, topicLabel, validityLabel } from '../portal.js';
import { chineseDate } from './format.js';

export interface MetadataRow {
  label: string;
  value: string;
  full?: boolean;
  /** Extra class on the value (有效性 is coloured by its state). */
  valueClass?: string;
}

/** The rows in display order (exported for tests and for the JSON API later). */
export function metadataRows(item: PublicItem): MetadataRow[] {
  const rows: MetadataRow[] = [
    { label: '索引号', value: item.indexNo ?? '无' },
    { label: '主题分类', value: topicLabel(item.topic) ?? '无' },
    { label: '发文机关', value: item.publisherName || '无' },
    { label: '成文日期', value: item.writtenOn ? chineseDate(item.writtenOn) : '无' },
    { label: '标题', value: item.title, full: true },
    { label: '发文字号', value: item.docNo ?? '无' },
    { label: '发布日期', value: chineseDate(item.publishedOn) },
  ];
  if (item.validity)
    rows.push({
      label: '有效性',
      value: validityLabel(item.validity)!,
      full: true,
      valueClass: `validity validity-${item.validity}`,
    });
  return rows;
}

export function MetadataBlock({ item }: { item: PublicItem }) {
  return (
    <dl class="meta">
      {metadataRows(item).map((r) => (
        <div key={r.label} class={r.full ? 'full' : undefined}>
          <dt>{r.label}</dt>
          <dd>{r.valueClass ? <span class={r.valueClass}>{r.value}</span> : r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
