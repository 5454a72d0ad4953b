/**
 * Registering an application received other than online (GET/POST /admin/applications/new): the channel
 * with the dates 第三十一条 needs, the applicant and the information asked for — the same field names as the
 * online form (personal.ts) — and, for an oral application, the applicant's confirmation. After saving, the
 * tracking number and the query code are shown once, for the 回执.
 */

import { FailureNotice } from '../../../../modules/publications/admin/views/shared.views.js';
import type { AppError } from '../../../../platform/errors.js';
import {
  CheckboxGroup,
  Csrf,
  SelectField,
  TextArea,
  TextField,
  type Values,
} from '../../../../platform/views/form.js';
import {
  APPLICANT_KINDS,
  CHANNELS,
  DELIVERY_METHOD_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  INFORMATION_FORM_LABELS,
} from '../../codes.js';
import { OFFLINE_CHANNELS } from '../../commands/register-offline.js';
import { caseUrl } from '../admin-helpers.js';

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

function FileInput(p: { name: string; label: string; error?: string | undefined }) {
  return (
    <div class={`field${p.error ? ' has-error' : ''}`}>
      <label for={`f-${p.name}`}>{p.label}</label>
      {p.error ? (
        <p class="error" id={`e-${p.name}`}>
          {p.error}
        </p>
      ) : null}
      <input
        type="file"
        id={`f-${p.name}`}
        name={p.name}
        accept=".pdf,.jpg,.jpeg,.png,.doc,.docx"
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `e-${p.name}` : undefined}
      />
    </div>
  );
}

export function RegisterPage(p: { csrf: string; values: Values; error?: AppError | undefined }) {
  const f = { values: p.values, errors: p.error?.fields ?? [] };
  const errorOf = (name: string) => f.errors.find((e) => e.field === name)?.message;
  return (
    <section>
      <p>
        <a href="/admin/applications">← 依申请公开</a>
      </p>
      <h1>登记政府信息公开申请</h1>
      <p class="hint">
        用于当面提交、信函、传真、电子邮件和口头提出的申请。网上申请由申请人在门户网站提交，不在此登记。
      </p>
      <FailureNotice error={p.error} />
      <form method="post" action="/admin/applications/new" class="stack" enctype="multipart/form-data">
        <Csrf token={p.csrf} />
        <input type="hidden" name="idempotencyKey" value={String(p.values.idempotencyKey ?? '')} />
        <fieldset>
          <legend>申请渠道和日期（第三十一条）</legend>
          <SelectField
            name="channel"
            label="申请渠道"
            required
            {...f}
            options={[
              { value: '', label: '请选择' },
              ...CHANNELS.filter((c) => OFFLINE_CHANNELS.includes(c.code)).map((c) => ({
                value: c.code,
                label: c.label,
              })),
            ]}
          />
          <TextField
            name="submittedOn"
            label="提交日期（当面提交、口头申请）"
            type="date"
            hint="当面提交或口头提出申请的，以提交之日为收到申请之日。"
            {...f}
          />
          <TextField
            name="signedForOn"
            label="签收日期（挂号信、快递等需签收的信函）"
            type="date"
            hint="以本机关签收之日为收到申请之日。"
            {...f}
          />
          <TextField
            name="arrivedOn"
            label="收到日期（平信、传真、电子邮件）"
            type="date"
            hint="平信、传真、电子邮件以双方确认之日为收到申请之日：请同时填写确认日期，尚未确认的先登记，确认后在案件页“确认收到申请”。"
            {...f}
          />
          <TextField
            name="confirmedOn"
            label="与申请人确认的日期（平信、传真、电子邮件）"
            type="date"
            {...f}
          />
          <CheckboxGroup
            name="applicantConfirmed"
            label="口头申请的确认"
            {...f}
            options={[{ value: 'on', label: '已由工作人员代为填写，并经申请人确认（签名或盖章）' }]}
          />
        </fieldset>
        <fieldset>
          <legend>申请人信息</legend>
          <SelectField
            name="applicantKind"
            label="申请人类型"
            required
            {...f}
            options={[
              { value: '', label: '请选择' },
              ...APPLICANT_KINDS.map((k) => ({ value: k.code, label: k.fullLabel })),
            ]}
          />
          <TextField name="name" label="姓名或单位名称" required {...f} />
          <TextField name="workUnit" label="工作单位（自然人）" {...f} />
          <SelectField
            name="idKind"
            label="证件类型（自然人）"
            {...f}
            options={[{ value: '', label: '请选择' }, ...options(ID_DOCUMENT_KIND_LABELS)]}
          />
          <TextField name="idNumber" label="证件号码（自然人）" {...f} />
          <TextField name="creditCode" label="统一社会信用代码（法人或其他组织）" {...f} />
          <TextField name="noCreditCodeReason" label="无统一社会信用代码的原因" {...f} />
          <TextField name="legalRepresentative" label="法定代表人或负责人（法人或其他组织）" {...f} />
          <TextField name="contactName" label="联系人姓名（法人或其他组织）" {...f} />
          <TextField name="phone" label="联系电话" required {...f} />
          <TextField name="email" label="电子邮箱" type="email" {...f} />
          <TextField name="fax" label="传真" {...f} />
          <TextField name="address" label="通信地址" {...f} />
          <TextField name="postalCode" label="邮政编码" {...f} />
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <TextField name="infoTitle" label="所需信息的名称" {...f} />
          <TextField name="infoDocNo" label="文号" {...f} />
          <TextField name="infoIndexNo" label="索引号" {...f} />
          <TextArea name="infoDescription" label="所需信息的内容描述" rows={4} required {...f} />
          <TextArea name="infoPurpose" label="用途（可选）" rows={2} {...f} />
          <CheckboxGroup
            name="informationForms"
            label="所需信息的指定提供方式（可多选）"
            {...f}
            options={options(INFORMATION_FORM_LABELS)}
          />
          <CheckboxGroup
            name="deliveryMethods"
            label="获取信息的方式（可多选）"
            {...f}
            options={options(DELIVERY_METHOD_LABELS)}
          />
          <CheckboxGroup
            name="acceptOtherForm"
            label="其他方式"
            {...f}
            options={[{ value: 'on', label: '若本机关无法按照指定方式提供，可以接受其他方式' }]}
          />
        </fieldset>
        <fieldset>
          <legend>委托代理人（委托他人代为申请的填写）</legend>
          <CheckboxGroup
            name="hasAgent"
            label="代理"
            {...f}
            options={[{ value: 'on', label: '由代理人代为申请' }]}
          />
          <TextField name="agentName" label="代理人姓名" {...f} />
          <SelectField
            name="agentIdKind"
            label="代理人证件类型"
            {...f}
            options={[{ value: '', label: '请选择' }, ...options(ID_DOCUMENT_KIND_LABELS)]}
          />
          <TextField name="agentIdNumber" label="代理人证件号码" {...f} />
          <TextField name="agentPhone" label="代理人联系电话" {...f} />
        </fieldset>
        <fieldset>
          <legend>申请材料（扫描件或照片；PDF、JPEG、PNG、Word，每个不超过10 MB）</legend>
          <p class="hint">提交未成功时，已选择的文件需要重新选择。</p>
          <FileInput name="identityFile" label="身份证明（可选）" error={errorOf('identityFile')} />
          <FileInput
            name="authorizationFile"
            label="授权委托书（委托代理人的必须上传）"
            error={errorOf('authorizationFile') ?? errorOf('attachments')}
          />
          <FileInput name="supportingFile" label="其他材料（可选）" error={errorOf('supportingFile')} />
        </fieldset>
        <TextArea name="note" label="登记备注（可选）" rows={2} {...f} />
        <button type="submit">登记申请</button>
      </form>
    </section>
  );
}

export function RegisteredPage(p: { id: string; trackingNo: string; queryCode: string; received: boolean }) {
  return (
    <section>
      <h1>申请已登记</h1>
      <div class="notice ok" role="status">
        <p>
          申请编号：<strong>{p.trackingNo}</strong>
        </p>
        <p>
          查询码：<strong>{p.queryCode}</strong>（仅显示这一次，请写入回执交给申请人）
        </p>
        <p>
          {p.received
            ? '已确定收到申请之日，答复期限已开始计算，受理回执已生成。'
            : '尚待与申请人确认收到申请，确认后答复期限开始计算。'}
        </p>
      </div>
      <p>
        <a href={caseUrl(p.id)}>查看案件</a> · <a href="/admin/applications/new">继续登记</a>
      </p>
    </section>
  );
}
