/** The platform's page frame: skip link, header with navigation, main landmark, footer. */
import type { ComponentChildren } from 'preact';

export interface LayoutUser {
  displayName: string;
  isPlatformAdmin: boolean;
  agencyName: string | null;
}

export interface LayoutProps {
  title: string;
  platformName: string;
  area: 'public' | 'admin';
  user?: LayoutUser | null;
  csrf?: string;
  children: ComponentChildren;
}

function AdminNav({ user, csrf }: { user: LayoutUser; csrf?: string }) {
  return (
    <nav class="site-nav" aria-label="后台导航">
      <ul>
        <li>
          <a href="/admin">工作台</a>
        </li>
        <li>
          <a href="/admin/agencies">单位</a>
        </li>
        <li>
          <a href="/admin/users">人员</a>
        </li>
        {user.agencyName ? (
          <li>
            <a href="/admin/catalog">公开目录</a>
          </li>
        ) : null}
        {user.agencyName ? (
          <li>
            <a href="/admin/publications">主动公开</a>
          </li>
        ) : null}
        {user.agencyName ? (
          <li>
            <a href="/admin/applications">依申请公开</a>
          </li>
        ) : null}
        {user.agencyName ? (
          <li>
            <a href="/admin/annual-reports">年度报告</a>
          </li>
        ) : null}
        <li>
          <a href="/admin/supervision">督办</a>
        </li>
        <li>
          <a href="/admin/audit">审计日志</a>
        </li>
        {user.isPlatformAdmin && (
          <li>
            <a href="/admin/calendar">工作日历</a>
          </li>
        )}
        {user.isPlatformAdmin && (
          <li>
            <a href="/admin/site">站点设置</a>
          </li>
        )}
        <li>
          <a href="/account">我的账号</a>
        </li>
        <li>
          <form method="post" action="/logout" class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="secondary">
              退出
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

function PublicNav() {
  return (
    <nav class="site-nav" aria-label="主导航">
      <ul>
        <li>
          <a href="/">首页</a>
        </li>
        <li>
          <a href="/login">工作人员登录</a>
        </li>
      </ul>
    </nav>
  );
}

export function Layout(props: LayoutProps) {
  const { title, platformName, area, user, csrf, children } = props;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title}_${platformName}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          跳转到主要内容
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href={area === 'admin' ? '/admin' : '/'}>
              {area === 'admin' ? `${platformName} · 工作平台` : platformName}
            </a>
            {area === 'admin' && user ? <AdminNav user={user} csrf={csrf} /> : <PublicNav />}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="bar">
            <p>
              {platformName}
              {user
                ? ` · 当前用户：${user.displayName}${user.agencyName ? `（${user.agencyName}）` : ''}`
                : ''}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
