/** The bodies of the portal's pages, built from the plain data page-data.ts collects. */
import { Fragment } from 'preact';
import { chinaToday } from '../../../platform/legal-date.js';
import { REPORT_CSS_PATH } from '../../annual-reports/render/styles.js';
import type { CatalogNode, CatalogTreeNode } from '../../catalog/catalog.js';
import { GUIDE_FIELDS, GUIDE_GROUP_LABELS, type Guide, type GuideGroup } from '../../catalog/guide.js';
import type { DocumentType } from '../../checks/extract.js';
import { DOCUMENT_TYPE_LABELS } from '../../checks/extract.js';
import type { ItemData, NodeData, Paged, SectionData } from '../page-data.js';
import { genreLabel, type PublicListItem, validityLabel, type WithdrawnItem } from '../portal.js';
import type { PortalUrls } from '../urls.js';
import { Breadcrumb, type Crumb, ItemList, NodeLinks, Pager } from './components.js';
import { chineseDate, fileSize, paragraphs } from './format.js';
import { absolutePageUrl, ItemTools } from './item-tools.js';
import { MetadataBlock } from './metadata-block.js';

interface Base {
  section: SectionData;
  urls: PortalUrls;
}

export function sectionTitle(section: SectionData): string {
  return `${section.agency.name}政府信息公开`;
}

function crumbsOf(p: Base, trail: CatalogNode[], last?: string): Crumb[] {
  const code = p.section.agency.code;
  const crumbs: Crumb[] = [
    { label: '首页', href: p.urls.home() },
    { label: sectionTitle(p.section), href: p.urls.agency(code) },
    ...trail.map((n) => ({ label: n.name, href: p.urls.node(code, n.slugPath) })),
  ];
  if (last) crumbs.push({ label: last });
  else if (crumbs.length > 0) delete crumbs[crumbs.length - 1]!.href;
  return crumbs;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((lines, n) => (
        <p key={n}>
          {lines.map((l, i) => (
            <Fragment key={i}>
              {i > 0 ? <br /> : null}
              {l}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}

// ── section home ──

export function SectionHomePage(p: Base & { latest: PublicListItem[] }) {
  const { section, urls } = p;
  const code = section.agency.code;
  return (
    <>
      <Breadcrumb crumbs={crumbsOf(p, [])} />
      <h1>{sectionTitle(section)}</h1>
      {section.guideNode || section.hasInvalid ? (
        <ul class="more">
          {section.guideNode ? (
            <li>
              <a href={urls.node(code, section.guideNode.slugPath)}>{section.guideNode.name}</a>
            </li>
          ) : null}
          {section.hasInvalid ? (
            <li>
              <a href={urls.invalid(code)}>失效文件</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <h2 id="latest">最新信息</h2>
      <ItemList
        caption="最新发布的政府信息"
        items={p.latest}
        code={code}
        urls={urls}
        columns="plain"
        empty="本机关尚未发布政府信息。"
      />
      {section.applications ? (
        <>
          <h2>{section.applications.node.name}</h2>
          <ApplyLinks code={code} urls={urls} active={section.agency.status === 'active'} />
          <NodeLinks code={code} nodes={section.applications.children.map((c) => c.node)} urls={urls} />
        </>
      ) : null}
      <h2>公开目录</h2>
      <Directory code={code} tree={section.tree} urls={urls} />
    </>
  );
}

/** 在线申请 and 申请查询 (the applications module's public pages, routes/public.routes.tsx). */
function ApplyLinks({ code, urls, active }: { code: string; urls: PortalUrls; active: boolean }) {
  return (
    <ul class="more">
      {active ? (
        <li>
          <a href={`${urls.agency(code)}/apply`}>在线申请</a>
        </li>
      ) : null}
      <li>
        <a href={`${urls.prefix}/apply/lookup`}>申请查询</a>
      </li>
    </ul>
  );
}

function Directory({ code, tree, urls }: { code: string; tree: CatalogTreeNode[]; urls: PortalUrls }) {
  return (
    <ul class="directory">
      {tree.map((t) => (
        <li key={t.node.id}>
          <h3>
            <a href={urls.node(code, t.node.slugPath)}>{t.node.name}</a>
          </h3>
          <NodeLinks code={code} nodes={t.children.map((c) => c.node)} urls={urls} />
        </li>
      ))}
    </ul>
  );
}

// ── catalogue nodes ──

export function NodePage(p: Base & { data: NodeData }) {
  const { data, section, urls } = p;
  const code = section.agency.code;
  const heading = <h1>{data.node.name}</h1>;
  const crumbs = <Breadcrumb crumbs={crumbsOf(p, data.trail)} />;
  if (data.kind === 'guide')
    return (
      <>
        {crumbs}
        <h1>
          {section.agency.name}
          {data.node.name}
        </h1>
        {data.guide ? (
          <GuideBody guide={data.guide} />
        ) : (
          <p class="muted">本机关尚未发布政府信息公开指南。</p>
        )}
      </>
    );
  const applyLinks =
    data.node.templateKey === 'applications' ? (
      <ApplyLinks code={code} urls={urls} active={section.agency.status === 'active'} />
    ) : null;
  if (data.kind === 'page')
    return (
      <>
        {crumbs}
        {heading}
        {applyLinks}
        <div class="article-body">
          <Paragraphs text={data.node.body ?? ''} />
        </div>
        <NodeLinks code={code} nodes={data.children} urls={urls} />
      </>
    );
  const base = urls.node(code, data.node.slugPath);
  return (
    <>
      {crumbs}
      {heading}
      {applyLinks}
      {data.children.length > 0 ? (
        <nav aria-label={`${data.node.name}的下级栏目`}>
          <NodeLinks code={code} nodes={data.children} urls={urls} />
        </nav>
      ) : null}
      {data.list ? (
        <ListWithPager
          list={data.list}
          caption={`${data.node.name}信息列表`}
          code={code}
          urls={urls}
          base={base}
          columns={data.documents ? 'documents' : 'plain'}
        />
      ) : null}
    </>
  );
}

function ListWithPager(p: {
  list: Paged;
  caption: string;
  code: string;
  urls: PortalUrls;
  base: string;
  columns: 'plain' | 'documents' | 'validity';
  empty?: string;
}) {
  return (
    <>
      <ItemList
        caption={p.list.pages > 1 ? `${p.caption}（第${p.list.page}页）` : p.caption}
        items={p.list.items}
        code={p.code}
        urls={p.urls}
        columns={p.columns}
        {...(p.empty ? { empty: p.empty } : {})}
      />
      <Pager page={p.list.page} pages={p.list.pages} total={p.list.total} base={p.base} urls={p.urls} />
    </>
  );
}

const GROUPS = Object.keys(GUIDE_GROUP_LABELS) as GuideGroup[];

/** The 指南 as the public reads it: the office's contacts, then 一、主动公开 二、依申请公开 三、监督. */
function GuideBody({ guide }: { guide: Guide }) {
  return (
    <div class="guide">
      {GROUPS.map((g) => {
        const fields = GUIDE_FIELDS.filter((d) => d.group === g && guide.fields[d.key].trim());
        if (fields.length === 0) return null;
        return (
          <section key={g} aria-labelledby={`guide-${g}`}>
            <h2 id={`guide-${g}`}>{GUIDE_GROUP_LABELS[g]}</h2>
            {g === 'office' ? (
              <dl>
                {fields.map((d) => (
                  <div key={d.key}>
                    <dt>{d.label}</dt>
                    <dd>{guide.fields[d.key]}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              fields.map((d) =>
                fields.length === 1 && d.label === GUIDE_GROUP_LABELS[g].replace(/^.、/, '') ? (
                  <Paragraphs key={d.key} text={guide.fields[d.key].replace(/\n/g, '\n\n')} />
                ) : (
                  <div key={d.key}>
                    <h3>{d.label}</h3>
                    <Paragraphs text={guide.fields[d.key].replace(/\n/g, '\n\n')} />
                  </div>
                ),
              )
            )}
          </section>
        );
      })}
      <p class="muted">更新日期：{chineseDate(chinaToday(new Date(guide.updatedAt)))}</p>
    </div>
  );
}

// ── 失效文件 ──

export function InvalidPage(p: Base & { list: Paged }) {
  const code = p.section.agency.code;
  return (
    <>
      <Breadcrumb crumbs={crumbsOf(p, [], '失效文件')} />
      <h1>失效文件</h1>
      <p>以下文件已修改、已废止或已失效，仅供查阅，不再作为执行依据（已修改的，以修改后的文件为准）。</p>
      <ListWithPager
        list={p.list}
        caption="失效文件列表"
        code={code}
        urls={p.urls}
        base={p.urls.invalid(code)}
        columns="validity"
        empty="本机关暂无失效文件。"
      />
    </>
  );
}

// ── item ──

/** `baseUrl`: the site's configured address; with it the tools offer share links and a QR code. */
export function ItemPage(p: Base & { data: ItemData; baseUrl?: string | null }) {
  const { data, section, urls } = p;
  const { item } = data;
  const code = section.agency.code;
  const backHref = data.trail.length ? urls.node(code, data.trail.at(-1)!.slugPath) : urls.agency(code);
  const current = data.versions.at(-1);
  const genre = genreLabel(item.genre);
  return (
    <>
      <Breadcrumb crumbs={crumbsOf(p, data.trail, '正文')} />
      <MetadataBlock item={item} />
      <article class="article" aria-labelledby="item-title">
        <h1 id="item-title">{item.title}</h1>
        {item.docNo ? <p class="doc-no">{item.docNo}</p> : null}
        <p class="byline">
          来源：{item.publisherName}　发布日期：{item.publishedOn}
          {genre ? `　体裁：${genre}` : ''}
        </p>
        {item.validity && item.validity !== 'effective' ? (
          <div class="notice warn" role="note">
            <p>
              本文件{validityLabel(item.validity)}
              {item.validityChangedOn ? `（${chineseDate(item.validityChangedOn)}标注）` : ''}。
              {item.validityNote ? ` ${item.validityNote}` : ''}
            </p>
          </div>
        ) : null}
        {item.version > 1 && current ? (
          <div class="notice" role="note">
            <p>
              本信息已修订，当前为第{item.version}版
              {current.formedOn ? `，变更日期：${chineseDate(current.formedOn)}` : ''}
              {item.firstPublishedAt
                ? `；首次发布于${chineseDate(chinaToday(new Date(item.firstPublishedAt)))}`
                : ''}
              。
            </p>
            <details>
              <summary>版本记录</summary>
              <ul>
                {data.versions.map((v) => (
                  <li key={v.version}>
                    第{v.version}版：{v.version === 1 ? '形成日期' : '变更日期'}
                    {v.formedOn ? chineseDate(v.formedOn) : '无'}，发布日期{chineseDate(v.publishedOn)}
                  </li>
                ))}
              </ul>
            </details>
          </div>
        ) : null}
        <div class={item.bodyHtml.includes('<table') ? 'article-body has-table' : 'article-body'}>
          {/* An annual report published from the back office brings its tables' stylesheet. */}
          {item.bodyHtml.includes('<article class="annual-report"') ? (
            <link rel="stylesheet" href={REPORT_CSS_PATH} />
          ) : null}
          {/* Sanitised to a safe subset when it was saved (publications/body.ts). */}
          <div dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
        </div>
        {item.attachments.length > 0 ? (
          <section class="attachments" aria-labelledby="attachments">
            <h2 id="attachments">附件</h2>
            <ul>
              {item.attachments.map((a) => (
                <li key={a.id}>
                  <a href={urls.attachment(code, item.id, a.id)}>{a.fileName}</a>{' '}
                  <span class="muted">
                    （{DOCUMENT_TYPE_LABELS[a.type as DocumentType] ?? '文件'}，{fileSize(a.size)}）
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <LinkList title="相关解读" links={data.interpretations} urls={urls} />
        <LinkList title="解读的政策文件" links={data.policies} urls={urls} />
      </article>
      <ItemTools
        publicationId={item.id}
        title={item.title}
        path={urls.item(code, item.id)}
        pageUrl={absolutePageUrl(p.baseUrl, urls.item(code, item.id))}
        backHref={backHref}
        backLabel={data.trail.at(-1)?.name ?? '专栏首页'}
      />
    </>
  );
}

function LinkList({ title, links, urls }: { title: string; links: ItemData['policies']; urls: PortalUrls }) {
  if (links.length === 0) return null;
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {links.map((l) => (
          <li key={l.id}>
            <a href={urls.item(l.agencyCode, l.id)}>{l.title}</a> <span class="muted">{l.publishedOn}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ── withdrawn ──

export function WithdrawnPage(p: Base & { item: WithdrawnItem; reason: string | null }) {
  const code = p.section.agency.code;
  return (
    <>
      <Breadcrumb crumbs={crumbsOf(p, [], '信息已撤回')} />
      <h1>信息已撤回</h1>
      <div class="notice warn">
        <p>该信息已于{chineseDate(chinaToday(new Date(p.item.withdrawnAt)))}撤回。</p>
        {p.reason ? <p>撤回原因：{p.reason}</p> : null}
        {p.item.indexNo ? <p>索引号：{p.item.indexNo}</p> : null}
      </div>
      <p>
        <a href={p.urls.agency(code)}>返回{sectionTitle(p.section)}</a>
      </p>
    </>
  );
}
