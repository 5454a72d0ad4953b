/**
 * The 栏目 column of a row: a slug path of the agency's catalogue (fdzdgknr/xzxk) or a column's
 * name (行政许可). The column must accept publications — an active 栏目, as the editor's form requires.
 */
import { acceptsPublications, type CatalogNode } from '../../catalog/catalog.js';
import { quoted } from './problems.js';
import type { Read } from './values.js';

export function resolveColumn(nodes: CatalogNode[], raw: string): Read<string> {
  const text = raw.trim();
  const path = text.replace(/^\/+|\/+$/g, '');
  const byPath = nodes.find((n) => n.slugPath.join('/') === path);
  let node = byPath;
  if (!node) {
    const named = nodes.filter((n) => n.name === text && n.kind === 'column');
    const active = named.filter((n) => n.status === 'active');
    const candidates = active.length > 0 ? active : named;
    if (candidates.length > 1)
      return {
        error: `名为${quoted(text)}的栏目不止一个，请改填栏目路径（如 ${candidates[0]!.slugPath.join('/')}）`,
      };
    node = candidates[0];
  }
  if (!node) return { error: `${quoted(text)}不是本单位的栏目（可填栏目名称或栏目路径，如 fdzdgknr/xzxk）` };
  if (node.status === 'retired') return { error: `栏目“${node.name}”已停用，请改选其他栏目` };
  if (!acceptsPublications(node)) return { error: `“${node.name}”不是可发布信息的栏目` };
  return { value: node.id };
}
