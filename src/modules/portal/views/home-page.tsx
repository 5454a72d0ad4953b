/** The platform home: what the platform is, its versions, and every government with its departments. */
import type { Directory } from '../directory.js';
import type { PortalUrls } from '../urls.js';
import { pathInVariant, VARIANTS, type Variant } from '../variants.js';
import { SearchBox } from './search-box.js';

const VERSION_NAMES: { variant: Variant; name: string; lang: string }[] = VARIANTS.map((variant) => ({
  variant,
  lang: variant.traditional ? 'zh-Hant' : 'zh-Hans',
  name: `${variant.elder ? (variant.traditional ? '長輩版' : '长辈版') : variant.traditional ? '標準版' : '标准版'}（${variant.traditional ? '繁體' : '简体'}）`,
}));

export function HomePage({ urls, directory }: { urls: PortalUrls; directory: Directory }) {
  const current = urls.variant;
  return (
    <>
      <h1>政府信息公开</h1>
      <p>
        本平台集中发布各行政机关依《中华人民共和国政府信息公开条例》主动公开的政府信息，并受理政府信息公开申请。
      </p>
      <SearchBox action={urls.search()} label="在全平台政府信息中搜索" idSuffix="-main" />
      <nav class="versions" aria-label="本站版本">
        <p>本站提供以下版本，长辈版字号更大、对比更强、版面更简洁，繁體版以繁体字显示：</p>
        <ul>
          {VERSION_NAMES.map((v) => {
            const here = v.variant.elder === current.elder && v.variant.traditional === current.traditional;
            return (
              <li key={v.name}>
                {/* lang marks each name in its own script; the 繁體 conversion leaves zh-Hans names alone. */}
                <a
                  href={pathInVariant('/', v.variant)}
                  lang={v.lang}
                  aria-current={here ? 'page' : undefined}
                >
                  {v.name}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <h2>各级行政机关</h2>
      {directory.governments.length === 0 ? (
        <p>平台尚未开通行政机关。</p>
      ) : (
        <ul class="cards">
          {directory.governments.map(({ government, departments }) => (
            <li class="card" key={government.id}>
              <h3>
                <a href={urls.agency(government.code)}>{government.name}</a>
              </h3>
              {departments.length > 0 ? (
                <ul>
                  {departments.map((d) => (
                    <li key={d.id}>
                      <a href={urls.agency(d.code)}>{d.name}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>暂无部门</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
