/**
 * 预览: the item as its public page will show it — the metadata block in the usual order (索引号, 主题分类,
 * 发文机关, 成文日期, 标题, 发文字号, 发布日期, 有效性; portal-and-letters.md §3), the title with its 文号,
 * the body, the attachments and the linked interpretations — under a clear 「预览」 banner.
 */
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import type { Attachment, Publication } from '../../publications.js';
import { TOPIC_LABELS, VALIDITY_GENRES, VALIDITY_LABELS } from '../../vocabulary.js';
import { chinaTime, chineseDate } from '../format.js';
import { downloadUrl } from './attachments.views.js';

export interface PreviewProps {
  pub: Publication;
  columnName: string | null;
  attachments: Attachment[];
  /** The other side of 政策解读 links: policies explained, or interpretations of this policy. */
  related: Publication[];
}

function publishedText(p: Publication): string {
  if (p.state === 'published' && p.publishedOn) return chineseDate(p.publishedOn);
  if (p.state === 'scheduled' && p.scheduledAt) return `定时发布：${chinaTime(p.scheduledAt)}`;
  return '发布时确定';
}

export function PreviewPage({ pub, columnName, attachments, related }: PreviewProps) {
  const validity =
    pub.genre && VALIDITY_GENRES.includes(pub.genre) && pub.validity ? VALIDITY_LABELS[pub.validity] : '—';
  return (
    <>
      <div class="notice warn" role="note">
        <p>
          <strong>预览</strong>
          ：这是该信息公开后页面的样子，仅工作人员可见。
          {pub.state === 'published' ? '' : '信息尚未发布（或修订版本尚未发布），公众现在看不到以下内容。'}
        </p>
        <p>
          <a href={`/admin/publications/${pub.id}`}>返回信息详情</a>
        </p>
      </div>
      <article>
        <p class="muted">{columnName ? `当前位置：政府信息公开 > ${columnName}` : '栏目：未选择'}</p>
        <TableWrap label="信息元数据">
          <table>
            <caption>信息基本情况</caption>
            <tbody>
              <tr>
                <th scope="row">索引号</th>
                <td class="mono">{pub.indexNo ?? '发布时生成'}</td>
                <th scope="row">主题分类</th>
                <td>{pub.topic ? TOPIC_LABELS[pub.topic] : '—'}</td>
              </tr>
              <tr>
                <th scope="row">发文机关</th>
                <td>{pub.publisherName || '—'}</td>
                <th scope="row">成文日期</th>
                <td>{chineseDate(pub.writtenOn)}</td>
              </tr>
              <tr>
                <th scope="row">标题</th>
                <td colSpan={3}>{pub.title || '—'}</td>
              </tr>
              <tr>
                <th scope="row">发文字号</th>
                <td>{pub.docNo ?? '—'}</td>
                <th scope="row">发布日期</th>
                <td>{publishedText(pub)}</td>
              </tr>
              <tr>
                <th scope="row">有效性</th>
                <td colSpan={3}>{validity}</td>
              </tr>
            </tbody>
          </table>
        </TableWrap>
        <h1>{pub.title || '（未填写标题）'}</h1>
        {pub.docNo ? <p>{pub.docNo}</p> : null}
        <p class="muted">
          来源：{pub.publisherName || '—'}　时间：{publishedText(pub)}
        </p>
        {/* Sanitised to a safe subset of HTML when saved (body.ts). */}
        <div dangerouslySetInnerHTML={{ __html: pub.bodyHtml }} />
        {attachments.length > 0 ? (
          <section aria-labelledby="h-preview-files">
            <h2 id="h-preview-files">附件下载</h2>
            <ul>
              {attachments.map((a) => (
                <li key={a.id}>
                  <a href={downloadUrl(a)}>{a.fileName}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {related.length > 0 ? (
          <section aria-labelledby="h-preview-related">
            <h2 id="h-preview-related">{pub.genre === 'interpretation' ? '相关政策文件' : '政策解读'}</h2>
            <ul>
              {related.map((r) => (
                <li key={r.id}>
                  <a href={`/admin/publications/${r.id}/preview`}>{r.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </>
  );
}
