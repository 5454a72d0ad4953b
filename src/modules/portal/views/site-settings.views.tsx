/** The platform admin's form for the site identity (/admin/site). */
import type { FieldError } from '../../../platform/errors.js';
import { Csrf, ErrorSummary, TextArea, TextField, type Values } from '../../../platform/views/form.js';
import { Notices } from '../../../platform/views/notices.js';
import { FOOTER_LINKS_MAX, type SiteSettingsRecord } from '../site-settings.js';

export interface SiteSettingsPageProps {
  csrf: string;
  values: Values;
  errors: FieldError[];
  /** The configured PLATFORM_NAME, used while 网站名称 is empty. */
  platformName: string;
  saved: SiteSettingsRecord;
  message?: string | undefined;
}

function savedAt(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function SiteSettingsPage(p: SiteSettingsPageProps) {
  const f = { values: p.values, errors: p.errors };
  return (
    <section>
      <h1>站点设置</h1>
      <p class="muted">
        网站名称、网站地址和网站标识码写入每个公开页面的 &lt;head&gt;，供政府网站监测读取；
        备案号、主办与承办单位等显示在公开页面底部。不填写的项目不显示。
        {p.saved.updatedAt ? `最近保存：${savedAt(p.saved.updatedAt)}。` : '尚未保存过站点设置。'}
      </p>
      <Notices message={p.message} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/admin/site" class="stack" novalidate>
        <Csrf token={p.csrf} />
        <fieldset>
          <legend>网站</legend>
          <TextField
            name="siteName"
            label="网站名称"
            {...f}
            hint={`不填则使用平台名称“${p.platformName}”。`}
          />
          <TextField
            name="baseUrl"
            label="网站地址"
            {...f}
            type="url"
            hint="公众访问本平台的网址，以 https:// 开头，如 https://gk.example.gov.cn。用于页面的 Url 标签、规范链接、分享链接和二维码；不填则使用部署配置 PUBLIC_BASE_URL，两者都没有时不显示二维码和分享链接。"
          />
          <TextField
            name="siteDomain"
            label="网站域名"
            {...f}
            hint="SiteDomain 标签，如 gk.example.gov.cn；不填则取网站地址中的域名。"
          />
          <TextField
            name="siteIdCode"
            label="网站标识码"
            {...f}
            inputmode="numeric"
            hint="政府网站标识码（SiteIDCode），10位数字，如 3590000001。"
          />
        </fieldset>
        <fieldset>
          <legend>备案与标识</legend>
          <TextField
            name="icpNo"
            label="ICP备案号"
            {...f}
            hint="如 闽ICP备09032658号 或 闽ICP备09032658号-1，链接到工业和信息化部备案系统。"
          />
          <TextField
            name="psbNo"
            label="公安备案号"
            {...f}
            hint="如 京公网安备11010202008000号，链接到全国互联网安全管理服务平台的备案信息页面。"
          />
          <TextField
            name="conacId"
            label="党政机关标识"
            {...f}
            hint="本网站在党政机关网站标识系统（bszs.conac.cn）的编号，或复制该页面的完整链接。"
          />
        </fieldset>
        <fieldset>
          <legend>主办与联系</legend>
          <TextField name="hostOrg" label="主办单位" {...f} hint="如 示例市人民政府办公室。" />
          <TextField name="operatorOrg" label="承办单位" {...f} hint="如 示例市大数据中心。" />
          <TextField
            name="contactPhone"
            label="联系电话"
            {...f}
            inputmode="tel"
            hint="运维或联系电话，多个号码用“、”分隔。"
          />
          <TextField name="address" label="地址" {...f} />
          <TextArea
            name="footerLinks"
            label="底部链接"
            {...f}
            rows={5}
            hint={`每行一个，写作“名称 | 地址”，如“联系我们 | https://gk.example.gov.cn/lxwm”或“使用帮助 | /help”。最多${FOOTER_LINKS_MAX}个。`}
          />
        </fieldset>
        <button type="submit">保存站点设置</button>
      </form>
    </section>
  );
}
