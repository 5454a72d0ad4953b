/**
 * Attachments on the detail page: the list with downloads and each file's findings, and — while the
 * item is a draft the person may edit — upload, replace and delete (multipart forms, no script needed).
 */
import type { FieldError } from '../../../../platform/errors.js';
import { Csrf } from '../../../../platform/views/form.js';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../../checks/extract.js';
import { FINDING_KIND_LABELS } from '../../../checks/findings.js';
import type { Attachment } from '../../publications.js';
import { actionOf, type DetailView } from '../detail-page.js';
import { chinaTime, fileSize } from '../format.js';
import { errorOf, FileField, Reasons } from './shared.views.js';

export const ACCEPTED_HINT =
  'PDF、Word、Excel 或图片，按文件内容识别类型，不超过50 MB。上传后自动检查其中的身份证号、银行卡号等个人信息。';

export const downloadUrl = (a: Pick<Attachment, 'id' | 'publicationId'>) =>
  `/api/v1/publications/${a.publicationId}/attachments/${a.id}`;

function typeLabel(t: string): string {
  return DOCUMENT_TYPE_LABELS[t as DocumentType] ?? t;
}

export function AttachmentsSection(p: { csrf: string; view: DetailView; errors: FieldError[] }) {
  const { detail } = p.view;
  const pub = detail.publication;
  const edit = actionOf(p.view, 'edit');
  const findingsOf = (a: Attachment) =>
    detail.findings.filter((f) => f.source.type === 'attachment' && f.source.attachmentId === a.id);
  return (
    <section aria-labelledby="h-attachments">
      <h2 id="h-attachments">附件</h2>
      {detail.attachments.length === 0 ? <p class="muted">没有附件。</p> : null}
      {detail.attachments.length > 0 && edit.allowed ? (
        <p class="hint">
          附件中发现须处理的问题时，可以更换为处理后的文件，或在“检查结果”中说明理由后忽略。已发布版本中的文件仍保留在该版本中。
        </p>
      ) : null}
      {detail.attachments.length > 0 ? (
        <ul class="cards">
          {detail.attachments.map((a) => {
            const found = findingsOf(a);
            return (
              <li class="card" key={a.id}>
                <h3>
                  <a href={downloadUrl(a)}>{a.fileName}</a>
                </h3>
                <p class="muted">
                  {typeLabel(a.type)} · {fileSize(a.size)} · 上传于{chinaTime(a.uploadedAt)}
                </p>
                {found.length === 0 ? (
                  <p>
                    自动检查：
                    {a.extractError ? `无法读取文字（${a.extractError}），请人工核对` : '未发现问题'}
                  </p>
                ) : (
                  <>
                    <p>自动检查：</p>
                    <ul>
                      {found.map((f, i) => (
                        <li key={`${f.key}-${i}`}>
                          {FINDING_KIND_LABELS[f.kind]} <span class="mono">{f.display}</span>：
                          {f.override ? '已说明理由忽略' : f.severity === 'blocking' ? '须处理' : '提示'}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {edit.allowed ? (
                  <>
                    <form
                      method="post"
                      action={`/admin/publications/${pub.id}/attachments/${a.id}/replace`}
                      enctype="multipart/form-data"
                    >
                      <Csrf token={p.csrf} />
                      <FileField
                        id={`f-replace-${a.id}-file`}
                        label={`用新文件更换“${a.fileName}”`}
                        error={errorOf(p.errors, `replace-${a.id}-file`)}
                      />
                      <button type="submit" class="secondary">
                        更换
                      </button>
                    </form>
                    <form method="post" action={`/admin/publications/${pub.id}/attachments/${a.id}/delete`}>
                      <Csrf token={p.csrf} />
                      <button type="submit" class="secondary" aria-label={`删除附件“${a.fileName}”`}>
                        删除
                      </button>
                    </form>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {edit.allowed ? (
        <>
          <h3>上传附件</h3>
          <form
            method="post"
            action={`/admin/publications/${pub.id}/attachments`}
            enctype="multipart/form-data"
          >
            <Csrf token={p.csrf} />
            <FileField
              id="f-upload-file"
              label="选择文件"
              hint={ACCEPTED_HINT}
              error={errorOf(p.errors, 'upload-file')}
            />
            <button type="submit">上传</button>
          </form>
        </>
      ) : pub.state === 'draft' ? (
        <div>
          <p>当前不能修改附件：</p>
          <Reasons id="why-attachments" reasons={edit.reasons} />
        </div>
      ) : null}
    </section>
  );
}
