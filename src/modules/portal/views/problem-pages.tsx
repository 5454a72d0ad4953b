/**
 * The portal's 404 and 410 pages for addresses that are not (or no longer) there: what happened in
 * plain words, and where to go next — the agency's section when the address names a known agency,
 * the platform home, and a search box. Shown in the variant of the address.
 */
import type { SectionData } from '../page-data.js';
import type { PortalUrls } from '../urls.js';
import { sectionTitle } from './pages.js';
import { SearchBox } from './search-box.js';

interface Props {
  urls: PortalUrls;
  /** The agency the address names, when it exists. */
  section: SectionData | null;
}

function WhereNext({ urls, section }: Props) {
  return (
    <>
      <h2>您可以</h2>
      <ul class="where-next">
        {section ? (
          <li>
            进入<a href={urls.agency(section.agency.code)}>{sectionTitle(section)}</a>，按公开目录查找
          </li>
        ) : null}
        <li>
          回到<a href={urls.home()}>平台首页</a>，按行政机关查找
        </li>
        <li>用下面的搜索框查找</li>
      </ul>
      <SearchBox
        action={urls.search(section?.agency.code)}
        label={section ? '在本机关政府信息中搜索' : '在全平台政府信息中搜索'}
        idSuffix="-main"
      />
    </>
  );
}

export function NotFoundPage(p: Props) {
  return (
    <>
      <h1>页面不存在</h1>
      <p>没有找到您要访问的页面。可能是网址输入有误，或者该页面已被删除、移动。请检查网址是否正确。</p>
      <WhereNext {...p} />
    </>
  );
}

/** 410 for something that was public and has been withdrawn (an attachment of a withdrawn item). */
export function GonePage(p: Props & { message: string }) {
  return (
    <>
      <h1>内容已撤回</h1>
      <p>{p.message}</p>
      <WhereNext {...p} />
    </>
  );
}
