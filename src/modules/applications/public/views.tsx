/**
 * The bodies of the public application pages (rendered inside the portal layout by the routes): the
 * choice of agency, the online form, the 回执, the lookup form, the applicant's view of the case, the
 * withdrawal confirmation and the "too many attempts" page. Pure components: plain data in, markup out.
 * Every page works without script; apply.js only hides sections that do not apply and lists matching
 * published items while the 名称 is typed.
 */
import type { FieldError } from '../../../platform/errors.js';
import type { LegalDate } from '../../../platform/legal-date.js';
import type { Agency } from '../../accounts/accounts.js';
import { Breadcrumb } from '../../portal/views/components.js';
import { chineseDate } from '../../portal/views/format.js';
import type { SearchHit } from '../../search/search.js';
import { APPLICATION_FILE_MAX_BYTES, APPLICATION_MAX_FILES } from '../attachments.js';
import {
  APPLICANT_KINDS,
  DELIVERY_METHOD_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  INFORMATION_FORM_LABELS,
} from '../codes.js';
import type { PublicCaseView } from '../public-view.js';
import { APPLY_CSS_PATH, APPLY_JS_PATH } from './assets.js';
import {
  Area,
  Check,
  Choices,
  ErrorSummary,
  FileInput,
  Hidden,
  Select,
  Text,
  type Values,
} from './components.js';

/** The pages' addresses in one site variant (prefix '' for the standard site, `/lb`, `/ft`, `/lb/ft`). */
export function applyPaths(prefix = '') {
  return {
    home: `${prefix}/`,
    apply: `${prefix}/apply`,
    lookup: `${prefix}/apply/lookup`,
    withdraw: `${prefix}/apply/withdraw`,
    letter: `${prefix}/apply/letter`,
    correct: `${prefix}/apply/correct`,
    agencyApply: (code: string) => `${prefix}/gk/${encodeURIComponent(code)}/apply`,
    item: (code: string, id: string) =>
      `${prefix}/gk/${encodeURIComponent(code)}/items/${encodeURIComponent(id)}`,
  };
}
type Paths = ReturnType<typeof applyPaths>;

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The page's own stylesheet (print rules included) and script; `<link>` and `<script>` are body-ok. */
export function PageAssets() {
  return (
    <>
      <link rel="stylesheet" href={APPLY_CSS_PATH} />
      <script src={APPLY_JS_PATH} defer />
    </>
  );
}

// ── 选择受理机关 ──

export interface AgencyGroup {
  government: Pick<Agency, 'id' | 'code' | 'name'>;
  departments: Pick<Agency, 'id' | 'code' | 'name'>[];
}

export function ChooseAgencyPage({ groups, prefix }: { groups: AgencyGroup[]; prefix: string }) {
  const to = applyPaths(prefix);
  return (
    <>
      <PageAssets />
      <Breadcrumb crumbs={[{ label: '首页', href: to.home }, { label: '政府信息公开申请' }]} />
      <h1>政府信息公开申请</h1>
      <p>
        公民、法人或者其他组织可以依照《中华人民共和国政府信息公开条例》向行政机关申请获取政府信息。请选择制作或者保存所需信息的行政机关（受理机关），在线填写申请表，无需注册账号。
      </p>
      <ul class="more">
        <li>
          <a href={to.lookup}>申请查询</a>：已提交申请的，凭申请编号和查询码查看办理进度、下载文书或撤回申请。
        </li>
      </ul>
      <h2>选择受理机关</h2>
      {groups.length === 0 ? (
        <p>平台尚未开通行政机关。</p>
      ) : (
        <ul class="cards">
          {groups.map(({ government, departments }) => (
            <li class="card" key={government.id}>
              <h3>
                <a href={to.agencyApply(government.code)}>向{government.name}申请</a>
              </h3>
              {departments.length > 0 ? (
                <ul>
                  {departments.map((d) => (
                    <li key={d.id}>
                      <a href={to.agencyApply(d.code)}>{d.name}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

// ── 在线申请表 ──

export interface ApplyFormProps {
  agency: Pick<Agency, 'code' | 'name'>;
  values: Values;
  errors: readonly FieldError[];
  csrf: string;
  idempotencyKey: string;
  /** After 查找已公开的信息: the matches (null: not searched). */
  matches: SearchHit[] | null;
  /** What the search looked for (shown with its result). */
  searchedFor?: string;
  /** Files were chosen in the form being re-shown: they must be chosen again. */
  hadFiles: boolean;
  /** A message without fields (e.g. a conflict), shown at the top. */
  message?: string | null;
  prefix: string;
}

const PERSON_KIND = APPLICANT_KINDS.filter((k) => k.category === 'person').map((k) => ({
  value: k.code,
  label: '公民（自然人）',
}));
const ORG_KINDS = APPLICANT_KINDS.filter((k) => k.category === 'organization').map((k) => ({
  value: k.code,
  label: k.label,
}));

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,application/pdf,image/jpeg,image/png';
const FILE_HINT = `可接受 PDF、JPEG、PNG、Word（DOC、DOCX）文件，按文件内容识别类型；每个文件不超过${
  APPLICATION_FILE_MAX_BYTES / 1024 / 1024
} MB，全部附件合计不超过${APPLICATION_MAX_FILES}个。`;

export function ApplyFormPage(p: ApplyFormProps) {
  const to = applyPaths(p.prefix);
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <PageAssets />
      <Breadcrumb
        crumbs={[
          { label: '首页', href: to.home },
          { label: '政府信息公开申请', href: to.apply },
          { label: p.agency.name },
        ]}
      />
      <h1>向{p.agency.name}申请政府信息公开</h1>
      {p.message ? (
        <div class="notice err" role="alert" id="form-message">
          {p.message}
        </div>
      ) : null}
      <ErrorSummary errors={e} />
      {p.hadFiles ? (
        <div class="notice warn" role="status">
          为保护您的信息，已选择的附件没有保留，提交前请重新选择附件。
        </div>
      ) : null}
      <div class="notice">
        <p>填写须知：</p>
        <ul>
          <li>标注“必填”的项目必须填写；申请人信息须真实、准确，以便受理机关与您联系。</li>
          <li>一份申请表只申请一项政府信息；请勿重复提交同一申请。</li>
          <li>
            提交后系统将给出申请编号和查询码，查询码只显示一次，请妥善保存，凭其
            <a href={to.lookup}>查询办理情况</a>。
          </li>
          <li>以政府信息公开申请形式进行信访、投诉、举报等活动的，不作为政府信息公开申请处理。</li>
        </ul>
      </div>
      <form
        method="post"
        action={to.agencyApply(p.agency.code)}
        enctype="multipart/form-data"
        class="apply-form"
        novalidate
        data-agency={p.agency.code}
      >
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="idempotencyKey" value={p.idempotencyKey} />
        <p class="field" id="f-agencyId">
          受理机关：<strong>{p.agency.name}</strong>（<a href={to.apply}>选择其他机关</a>）
        </p>

        <section aria-labelledby="s-applicant">
          <h2 id="s-applicant">申请人信息</h2>
          <Choices
            type="radio"
            name="applicantKind"
            label="申请人类型"
            required
            values={v}
            errors={e}
            options={PERSON_KIND}
            groups={[{ legend: '法人或其他组织', options: ORG_KINDS }]}
          />
          <Text
            name="name"
            label="申请人姓名或单位名称"
            hint="公民填写姓名；法人或其他组织填写单位全称。"
            required
            values={v}
            errors={e}
            maxLength={100}
          />
          <div class="part" data-for="person">
            <h3>公民（自然人）填写</h3>
            <Text name="workUnit" label="工作单位" values={v} errors={e} maxLength={100} />
            <Select
              name="idKind"
              label="证件类型"
              required
              values={v}
              errors={e}
              options={options(ID_DOCUMENT_KIND_LABELS)}
            />
            <Text
              name="idNumber"
              label="证件号码"
              required
              hint="居民身份证号码为18位，将校验末位校验码。"
              values={v}
              errors={e}
              maxLength={40}
            />
          </div>
          <div class="part" data-for="organization">
            <h3>法人或其他组织填写</h3>
            <Text
              name="creditCode"
              label="统一社会信用代码"
              hint="18位，将校验末位校验码。没有统一社会信用代码的，请在下一项说明原因。"
              values={v}
              errors={e}
              maxLength={30}
            />
            <Text
              name="noCreditCodeReason"
              label="无统一社会信用代码的原因"
              values={v}
              errors={e}
              maxLength={200}
            />
            <Text
              name="legalRepresentative"
              label="法定代表人或负责人"
              required
              values={v}
              errors={e}
              maxLength={50}
            />
            <Text name="contactName" label="联系人姓名" required values={v} errors={e} maxLength={50} />
          </div>
          <h3>联系方式</h3>
          <Text
            name="phone"
            label="联系电话"
            required
            hint="手机号码或固定电话（含区号）。"
            type="tel"
            autocomplete="tel"
            values={v}
            errors={e}
            maxLength={30}
          />
          <Text
            name="email"
            label="电子邮箱"
            hint="选择以电子邮件获取信息的，必须填写。"
            type="email"
            autocomplete="email"
            values={v}
            errors={e}
            maxLength={100}
          />
          <Text
            name="fax"
            label="传真号码"
            hint="选择以传真获取信息的，必须填写。"
            type="tel"
            values={v}
            errors={e}
            maxLength={30}
          />
          <Text
            name="address"
            label="通信地址"
            hint="选择邮寄或快递的，必须填写。"
            autocomplete="street-address"
            values={v}
            errors={e}
            maxLength={200}
          />
          <Text
            name="postalCode"
            label="邮政编码"
            inputMode="numeric"
            autocomplete="postal-code"
            values={v}
            errors={e}
            maxLength={6}
          />
        </section>

        <section aria-labelledby="s-agent">
          <h2 id="s-agent">委托代理（由他人代为申请时填写）</h2>
          <Check
            name="hasAgent"
            label="本申请由代理人受申请人委托代为提出"
            hint="勾选后请填写代理人信息，并在“附件”中上传授权委托书。"
            values={v}
            errors={e}
          />
          <div class="part" data-for="agent">
            <Text name="agentName" label="代理人姓名" required values={v} errors={e} maxLength={100} />
            <Select
              name="agentIdKind"
              label="代理人证件类型"
              required
              values={v}
              errors={e}
              options={options(ID_DOCUMENT_KIND_LABELS)}
            />
            <Text name="agentIdNumber" label="代理人证件号码" required values={v} errors={e} maxLength={40} />
            <Text
              name="agentPhone"
              label="代理人联系电话"
              required
              type="tel"
              values={v}
              errors={e}
              maxLength={30}
            />
          </div>
        </section>

        <section aria-labelledby="s-info">
          <h2 id="s-info">所需信息情况</h2>
          <Text
            name="infoTitle"
            label="所需信息的名称"
            hint="如知道文件标题，请填写；输入时将列出本机关已公开的相关信息。"
            values={v}
            errors={e}
            maxLength={200}
          />
          <div id="title-matches" class="matches" aria-live="polite" />
          <Text
            name="infoDocNo"
            label="文号"
            hint="例如：示民发〔2025〕3号。"
            values={v}
            errors={e}
            maxLength={100}
          />
          <Text name="infoIndexNo" label="索引号" values={v} errors={e} maxLength={100} />
          <DescriptionAreas v={v} e={e} />
          <div class="field search-published">
            <p class="hint" id="h-search">
              提交前可以先查找本机关已经主动公开的信息：已公开的信息可以直接查阅，无需申请。
            </p>
            <button type="submit" name="intent" value="search" class="secondary" aria-describedby="h-search">
              查找已公开的信息
            </button>
          </div>
          {p.matches ? <Matches hits={p.matches} searchedFor={p.searchedFor ?? ''} to={to} /> : null}
        </section>

        <section aria-labelledby="s-form">
          <h2 id="s-form">信息的提供方式</h2>
          <ProvisionChoices v={v} e={e} />
        </section>

        <section aria-labelledby="s-files">
          <h2 id="s-files">附件（选填）</h2>
          <p class="hint">{FILE_HINT}</p>
          <FileInput
            name="identityFiles"
            label="身份证明"
            hint="证件或营业执照等的扫描件、照片，便于受理机关核实身份。"
            errors={e}
            accept={ACCEPT}
          />
          <FileInput
            name="authorizationFiles"
            label="授权委托书"
            hint="由代理人代为申请的，必须上传授权委托书（及双方身份证明）。"
            errors={e}
            accept={ACCEPT}
          />
          <FileInput
            name="supportingFiles"
            label="其他材料"
            hint="有助于查找所需信息的其他材料。"
            errors={e}
            accept={ACCEPT}
          />
        </section>

        <section aria-labelledby="s-consent">
          <h2 id="s-consent">个人信息保护与申请人声明</h2>
          <div class="privacy" id="privacy-notice">
            <p>
              个人信息保护说明：您填写的姓名或名称、证件号码、联系方式等个人信息，仅用于办理本申请（核实身份、与您联系、送达文书），加密保存，只有办理本申请的工作人员可以查看，不会在网站上公开；办结归档后按规定期限保存，期满删除。
            </p>
          </div>
          <Check
            name="privacyConsent"
            label="我已阅读并同意上述个人信息保护说明"
            required
            values={v}
            errors={e}
          />
          <Check
            name="declaration"
            label="本人承诺：所填信息及所附材料真实、准确，所申请的信息不用于违法活动，如有不实，愿承担相应法律责任"
            required
            values={v}
            errors={e}
          />
        </section>
        <p class="actions" id="f-idempotencyKey" tabIndex={-1}>
          <button type="submit" name="intent" value="submit">
            提交申请
          </button>
        </p>
      </form>
    </>
  );
}

/** The description of the information and its purpose: the same fields on the form and in a 补正. */
function DescriptionAreas({ v, e }: { v: Values; e: readonly FieldError[] }) {
  return (
    <>
      <Area
        name="infoDescription"
        label="所需信息的内容描述"
        required
        hint="请尽量写明标题、发布时间、文号或者其他便于查询的特征性描述。"
        values={v}
        errors={e}
        maxLength={2000}
      />
      <Area
        name="infoPurpose"
        label="所需信息的用途（选填）"
        rows={2}
        values={v}
        errors={e}
        maxLength={500}
      />
    </>
  );
}

/** How the information is to be provided and received: the same choices on the form and in a 补正. */
function ProvisionChoices({ v, e }: { v: Values; e: readonly FieldError[] }) {
  return (
    <>
      <Choices
        type="checkbox"
        name="informationForms"
        label="所需信息的指定提供方式（可多选）"
        values={v}
        errors={e}
        options={options(INFORMATION_FORM_LABELS)}
      />
      <Choices
        type="checkbox"
        name="deliveryMethods"
        label="获取信息的方式（可多选）"
        required
        values={v}
        errors={e}
        options={options(DELIVERY_METHOD_LABELS)}
      />
      <Check
        name="acceptOtherForm"
        label="若本机关无法按照指定方式提供所需信息，也可以接受其他方式"
        values={v}
        errors={e}
      />
    </>
  );
}

function Matches({ hits, searchedFor, to }: { hits: SearchHit[]; searchedFor: string; to: Paths }) {
  return (
    <div class="notice matches-result" role="status" id="published-matches" tabIndex={-1}>
      {searchedFor === '' ? (
        <p>请先填写所需信息的名称、文号或内容描述，再查找已公开的信息。</p>
      ) : hits.length === 0 ? (
        <p>未找到与“{searchedFor}”相符的已公开信息，您可以继续提交申请。</p>
      ) : (
        <>
          <p>
            本机关已公开以下与“{searchedFor}
            ”相关的信息，如其中已有您需要的信息，可以直接查阅，无需申请（离开本页前请注意：已填写的内容可能不会保留）：
          </p>
          <ul>
            {hits.map((h) => (
              <li key={h.id}>
                <a href={to.item(h.agencyCode, h.id)}>{h.title}</a>
                {h.docNo ? `（${h.docNo}）` : ''}，发布日期 {chineseDate(h.publishedOn)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

// ── 回执 ──

export interface ReceiptProps {
  trackingNo: string;
  queryCode: string;
  agencyName: string;
  submittedOn: LegalDate;
  title: string | null;
  description: string;
  /** False when an earlier submission of the same form was returned. */
  created: boolean;
  prefix: string;
}

export function ReceiptPage(p: ReceiptProps) {
  const to = applyPaths(p.prefix);
  return (
    <>
      <PageAssets />
      <article class="receipt" aria-labelledby="receipt-title">
        <h1 id="receipt-title">政府信息公开申请接收回执</h1>
        {p.created ? (
          <p class="notice ok" role="status">
            您的申请已提交成功。
          </p>
        ) : (
          <p class="notice" role="status">
            此申请表此前已提交成功，以下是该申请的回执，没有重复提交。
          </p>
        )}
        <dl class="receipt-fields">
          <div>
            <dt>申请编号</dt>
            <dd class="code">{p.trackingNo}</dd>
          </div>
          <div>
            <dt>查询码</dt>
            <dd class="code">{p.queryCode}</dd>
          </div>
          <div>
            <dt>受理机关</dt>
            <dd>{p.agencyName}</dd>
          </div>
          <div>
            <dt>提交日期</dt>
            <dd>{chineseDate(p.submittedOn)}（网上申请）</dd>
          </div>
          <div>
            <dt>所需信息</dt>
            <dd>{p.title ? `${p.title}：${p.description}` : p.description}</dd>
          </div>
        </dl>
        <div class="notice warn" role="note">
          <p>
            <strong>请妥善保存申请编号和查询码。</strong>
            查询码只在本页显示一次，本机关不会再次显示，也无法找回；凭申请编号和查询码可以查询办理进度、下载文书、撤回申请。请打印本回执或记下查询码，不要告诉他人。
          </p>
        </div>
        <h2>接下来会怎样</h2>
        <ol>
          <li>
            受理机关将核对您的申请，必要时通过您留下的联系方式与您确认。网上提交的申请，
            <strong>受理日期以本机关确认之日为准</strong>
            （《中华人民共和国政府信息公开条例》第三十一条：以双方确认之日为收到申请之日）。
          </li>
          <li>
            能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复。需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过20个工作日（第三十三条）。
          </li>
          <li>
            申请内容不明确的，受理机关将自收到申请之日起7个工作日内一次性告知您补正，答复期限自收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请（第三十条）。
          </li>
          <li>
            征求第三方和其他机关意见所需时间不计算在答复期限内（第三十二条至第三十四条）；需要收取信息处理费的，缴费期间也不计算在内。
          </li>
          <li>
            每一步的日期、当前的答复期限和寄送给您的文书，都可以在
            <a href={to.lookup}>申请查询</a>中查看。
          </li>
        </ol>
        <p class="no-print">
          <button type="button" class="print-button" hidden>
            打印回执
          </button>{' '}
          可以使用浏览器的“打印”功能打印本回执。
        </p>
        <p class="no-print">
          <a href={to.lookup}>查询申请办理情况</a> · <a href={to.home}>返回首页</a>
        </p>
      </article>
    </>
  );
}

// ── 申请查询 ──

export function LookupPage(p: {
  values: Values;
  errors: readonly FieldError[];
  csrf: string;
  message?: string | null;
  prefix: string;
}) {
  const to = applyPaths(p.prefix);
  return (
    <>
      <PageAssets />
      <Breadcrumb
        crumbs={[
          { label: '首页', href: to.home },
          { label: '政府信息公开申请', href: to.apply },
          { label: '申请查询' },
        ]}
      />
      <h1>申请查询</h1>
      {p.message ? (
        <div class="notice err" role="alert" id="error-summary" tabIndex={-1}>
          {p.message}
        </div>
      ) : (
        <ErrorSummary errors={p.errors} />
      )}
      <p>请输入提交申请时取得的申请编号和查询码，查看办理进度、下载文书或撤回申请。</p>
      <form method="post" action={to.lookup} class="lookup-form" novalidate>
        <Hidden name="_csrf" value={p.csrf} />
        <Text
          name="trackingNo"
          label="申请编号"
          required
          hint="例如：YSQ-2026-000123。"
          values={p.values}
          errors={p.errors}
          maxLength={40}
        />
        <Text
          name="queryCode"
          label="查询码"
          required
          hint="12位字母和数字，见申请回执，例如：ABCD-EFGH-JKLM。"
          values={{}}
          errors={p.errors}
          maxLength={20}
        />
        <p class="actions">
          <button type="submit">查询</button>
        </p>
      </form>
      <p>
        还没有申请？<a href={to.apply}>在线申请政府信息公开</a>
      </p>
    </>
  );
}

/** Hidden fields that identify the case in the forms of the case view (never in a URL). */
function Credentials({
  csrf,
  trackingNo,
  queryCode,
}: {
  csrf: string;
  trackingNo: string;
  queryCode: string;
}) {
  return (
    <>
      <Hidden name="_csrf" value={csrf} />
      <Hidden name="trackingNo" value={trackingNo} />
      <Hidden name="queryCode" value={queryCode} />
    </>
  );
}

function dateRange(on: LegalDate, until?: LegalDate): string {
  return until && until !== on ? `${chineseDate(on)}至${chineseDate(until)}` : chineseDate(on);
}

export function CaseViewPage(p: {
  view: PublicCaseView;
  queryCode: string;
  csrf: string;
  notice?: string | null;
  error?: string | null;
  prefix: string;
  /** While 待补正: the correction form's values (the current description) and errors. */
  correction?: { values: Values; errors: readonly FieldError[]; hadFiles: boolean } | null;
}) {
  const to = applyPaths(p.prefix);
  const v = p.view;
  const cred = <Credentials csrf={p.csrf} trackingNo={v.trackingNo} queryCode={p.queryCode} />;
  return (
    <>
      <PageAssets />
      <Breadcrumb
        crumbs={[
          { label: '首页', href: to.home },
          { label: '申请查询', href: to.lookup },
          { label: `申请${v.trackingNo}` },
        ]}
      />
      <h1>申请办理情况</h1>
      {p.notice ? (
        <p class="notice ok" role="status">
          {p.notice}
        </p>
      ) : null}
      {p.error ? (
        <div class="notice err" role="alert" id="error-summary" tabIndex={-1}>
          {p.error}
        </div>
      ) : null}
      <dl class="case-facts">
        <div>
          <dt>申请编号</dt>
          <dd class="code">{v.trackingNo}</dd>
        </div>
        <div>
          <dt>受理机关</dt>
          <dd>{v.agencyName}</dd>
        </div>
        <div>
          <dt>提交方式</dt>
          <dd>{v.channel}</dd>
        </div>
        <div>
          <dt>提交日期</dt>
          <dd>{chineseDate(v.submittedOn)}</dd>
        </div>
        <div>
          <dt>收到申请之日</dt>
          <dd>{v.receivedOn ? chineseDate(v.receivedOn) : '尚待受理机关确认（以双方确认之日为准）'}</dd>
        </div>
        <div>
          <dt>办理状态</dt>
          <dd>
            {v.status}
            {v.clockState && !v.closedOn ? `（答复期限：${v.clockState}）` : ''}
          </dd>
        </div>
        {v.dueOn ? (
          <div>
            <dt>当前答复期限</dt>
            <dd>{chineseDate(v.dueOn)}前</dd>
          </div>
        ) : null}
        {v.closedOn ? (
          <div>
            <dt>办结日期</dt>
            <dd>{chineseDate(v.closedOn)}</dd>
          </div>
        ) : null}
        {v.outcome ? (
          <div>
            <dt>办理结果</dt>
            <dd>{v.outcome.label}</dd>
          </div>
        ) : null}
      </dl>
      {v.notOurs ? (
        <p class="notice">
          所申请的信息不属于本机关负责公开。负责公开的机关：{v.notOurs.name}，联系方式：{v.notOurs.contact}
        </p>
      ) : null}
      {v.forwardedTo ? (
        <p class="notice">
          本申请已转交{v.forwardedTo.agencyName}办理，新的申请编号为{v.forwardedTo.trackingNo}（查询码不变）。
        </p>
      ) : null}
      <h2>办理过程</h2>
      <ol class="steps">
        {v.steps.map((s, i) => (
          <li key={i}>
            <span class="step-date">{dateRange(s.on, s.until)}</span> {s.text}
          </li>
        ))}
      </ol>
      <h2>文书</h2>
      {v.letters.length === 0 ? (
        <p>尚无送达您的文书。</p>
      ) : (
        <table class="letters">
          <caption class="visually-hidden">寄送给申请人的文书</caption>
          <thead>
            <tr>
              <th scope="col">文书</th>
              <th scope="col">文号</th>
              <th scope="col">发出日期</th>
              <th scope="col">下载</th>
            </tr>
          </thead>
          <tbody>
            {v.letters.map((l) => (
              <tr key={l.id}>
                <th scope="row">{l.label}</th>
                <td>{l.number ?? '—'}</td>
                <td>{l.sentOn ? chineseDate(l.sentOn) : '—'}</td>
                <td>
                  <form method="post" action={to.letter} class="inline">
                    {cred}
                    <Hidden name="letterId" value={l.id} />
                    <button type="submit" class="secondary" aria-label={`下载${l.label}（Word文件）`}>
                      下载
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.correction ? (
        <CorrectionForm
          {...p.correction}
          action={to.correct}
          csrf={p.csrf}
          trackingNo={v.trackingNo}
          queryCode={p.queryCode}
        />
      ) : null}
      {v.canWithdraw ? (
        <>
          <h2>撤回申请</h2>
          <p>办结之前，您可以撤回申请。撤回后本申请不再办理。</p>
          <form method="post" action={to.withdraw}>
            {cred}
            <button type="submit" class="secondary">
              撤回申请…
            </button>
          </form>
        </>
      ) : null}
      <p class="no-print">
        为保护您的信息，离开本页后再次查看需要重新输入查询码。<a href={to.home}>返回首页</a>
      </p>
    </>
  );
}

/** 补正 online: the corrected description (prefilled with the current one), a note and material. */
function CorrectionForm(p: {
  values: Values;
  errors: readonly FieldError[];
  hadFiles: boolean;
  action: string;
  csrf: string;
  trackingNo: string;
  queryCode: string;
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <section aria-labelledby="s-correct" class="correction">
      <h2 id="s-correct">提交补正</h2>
      <p>
        受理机关已告知您补正申请（见上方“补正申请告知书”，可下载查看需要补正的事项和补正期限）。请按告知的事项修改下面的内容或上传补正材料后提交；答复期限自受理机关收到补正之日起重新计算。逾期不补正又无正当理由的，视为放弃申请。
      </p>
      <ErrorSummary errors={e} title="补正未提交，请修改以下内容：" />
      {p.hadFiles ? (
        <div class="notice warn" role="status">
          为保护您的信息，已选择的附件没有保留，提交前请重新选择附件。
        </div>
      ) : null}
      <form method="post" action={p.action} enctype="multipart/form-data" class="apply-form" novalidate>
        <Credentials csrf={p.csrf} trackingNo={p.trackingNo} queryCode={p.queryCode} />
        <Text name="infoTitle" label="所需信息的名称" values={v} errors={e} maxLength={200} />
        <Text name="infoDocNo" label="文号" values={v} errors={e} maxLength={100} />
        <Text name="infoIndexNo" label="索引号" values={v} errors={e} maxLength={100} />
        <DescriptionAreas v={v} e={e} />
        <ProvisionChoices v={v} e={e} />
        <Area name="note" label="补正说明（选填）" rows={3} values={v} errors={e} maxLength={500} />
        <FileInput
          name="correctionFiles"
          label="补正材料（选填）"
          hint={FILE_HINT}
          errors={e}
          accept={ACCEPT}
        />
        <p class="actions">
          <button type="submit">提交补正</button>
        </p>
      </form>
    </section>
  );
}

export function WithdrawConfirmPage(p: {
  trackingNo: string;
  agencyName: string;
  queryCode: string;
  csrf: string;
  values: Values;
  errors: readonly FieldError[];
  prefix: string;
}) {
  const to = applyPaths(p.prefix);
  return (
    <>
      <PageAssets />
      <h1>确认撤回申请</h1>
      <ErrorSummary errors={p.errors} />
      <p>
        您将撤回向{p.agencyName}提出的政府信息公开申请（申请编号{p.trackingNo}
        ）。撤回后，受理机关不再办理本申请，且不能恢复；如仍需要该信息，须重新提出申请。
      </p>
      <form method="post" action={to.withdraw}>
        <Credentials csrf={p.csrf} trackingNo={p.trackingNo} queryCode={p.queryCode} />
        <Hidden name="confirm" value="yes" />
        <Area
          name="reason"
          label="撤回原因（选填）"
          rows={3}
          values={p.values}
          errors={p.errors}
          maxLength={500}
        />
        <p class="actions">
          <button type="submit">确认撤回</button>
        </p>
      </form>
      <form method="post" action={to.lookup}>
        <Credentials csrf={p.csrf} trackingNo={p.trackingNo} queryCode={p.queryCode} />
        <button type="submit" class="secondary">
          不撤回，返回办理情况
        </button>
      </form>
    </>
  );
}

export function TooManyPage({
  what,
  retryMinutes,
  prefix,
}: {
  what: string;
  retryMinutes: number;
  prefix: string;
}) {
  return (
    <>
      <h1>操作过于频繁</h1>
      <p>
        {what}次数过多，为保护申请人的信息，暂时不能继续。请约{retryMinutes}分钟后再试。
      </p>
      <p>
        <a href={applyPaths(prefix).home}>返回首页</a>
      </p>
    </>
  );
}

export function ProblemPage({ title, message, prefix }: { title: string; message: string; prefix: string }) {
  const to = applyPaths(prefix);
  return (
    <>
      <PageAssets />
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={to.apply}>返回政府信息公开申请</a> · <a href={to.home}>返回首页</a>
      </p>
    </>
  );
}
