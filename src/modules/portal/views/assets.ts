/**
 * The portal's own stylesheet and its one small script, served from /assets (CSP 'self'). The
 * platform stylesheet (site.css) comes first; this one adds the section layout, the metadata block
 * and the print view. The script only enhances: 打印 and 关闭 buttons stay hidden without it, and
 * every page works without JavaScript.
 */

export const PORTAL_CSS = `
.portal-band{background:#fbeeee;border-bottom:1px solid var(--line)}
.portal-band .bar{max-width:72rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline}
.portal-band .section-name{font-size:1.15rem;font-weight:700;margin:0}
.portal-band .section-name a{color:var(--red);text-decoration:none}
.portal-wrap{max-width:72rem;margin:0 auto;padding:0 1rem;display:grid;grid-template-columns:15rem minmax(0,1fr);grid-template-areas:"nav main";gap:0 2rem}
.portal-wrap>main{grid-area:main;max-width:none;margin:0;padding:1rem 0;min-width:0}
.portal-wrap>.catalog-nav{grid-area:nav}
.portal-wrap.single{display:block}
.catalog-nav{padding:1rem 0;font-size:.95rem}
.catalog-nav h2{font-size:1rem;margin:0 0 .5rem;padding:.35rem .6rem;background:var(--red);color:#fff;border-radius:4px 4px 0 0}
.catalog-nav ul{list-style:none;margin:0;padding:0}
.catalog-nav>ul{border:1px solid var(--line);border-top:0}
.catalog-nav li a{display:block;padding:.3rem .6rem;text-decoration:none;border-bottom:1px solid var(--line)}
.catalog-nav li a:hover{text-decoration:underline}
.catalog-nav ul ul a{padding-left:1.5rem}
.catalog-nav ul ul ul a{padding-left:2.5rem}
.catalog-nav a[aria-current]{font-weight:700;background:#fbeeee}
.breadcrumb ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;margin:0 0 .75rem;padding:0;font-size:.92rem}
.breadcrumb li+li::before{content:"›";margin-right:.25rem;color:var(--muted)}
.directory{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));align-items:start;gap:1rem;padding:0;list-style:none}
.directory>li{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
.directory h3{font-size:1.05rem;margin:0 0 .25rem}
.directory ul{margin:0;padding-left:1.1rem}
.item-list td.date{white-space:nowrap}
.item-list caption{text-align:left;font-weight:600;padding:.25rem 0}
.more{margin:.25rem 0 1rem}
.meta{display:grid;grid-template-columns:1fr 1fr;border:1px solid var(--line);border-bottom:0;background:var(--bg);margin:1rem 0;padding:0}
.meta>div{display:flex;gap:.75rem;padding:.45rem .75rem;border-bottom:1px solid var(--line);min-width:0}
.meta>div.full{grid-column:1/-1}
.meta dt{flex:0 0 4.5em;font-weight:600;text-align:justify;text-align-last:justify}
.meta dd{margin:0;min-width:0;overflow-wrap:anywhere}
.validity{font-weight:700}
.validity-effective{color:var(--ok)}
.validity-amended{color:var(--warn)}
.validity-repealed,.validity-expired{color:var(--err)}
.article>h1{text-align:center;margin-top:1.5rem}
.article .doc-no,.article .byline{text-align:center;color:var(--muted);margin:.25rem 0}
.article-body{margin:1.5rem 0;overflow-wrap:anywhere;font-size:1.05rem}
.article-body img{max-width:100%;height:auto}
.article-body.has-table{overflow-x:auto}
.item-tools{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1.5rem 0;padding-top:1rem;border-top:1px solid var(--line)}
.item-tools button[hidden]{display:none}
.attachments li{margin:.25rem 0}
.pager{flex-wrap:wrap;align-items:center}
.pager ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0;padding:0}
.pager [aria-current=page]{font-weight:700}
.guide dl{margin:0}
.guide dl>div{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.3rem 0;border-bottom:1px solid var(--line)}
.guide dt{font-weight:600;min-width:8em}
.guide dd{margin:0;overflow-wrap:anywhere}
.guide h3{font-size:1.05rem;margin:1rem 0 .25rem}
@media (max-width:48rem){.portal-wrap{display:block}.catalog-nav{border-top:4px solid var(--red);margin-top:1rem}}
@media (max-width:40rem){.meta{grid-template-columns:1fr}}
@media print{.catalog-nav,.breadcrumb,.item-tools,.pager,.portal-band{display:none}.portal-wrap{display:block;padding:0}.meta{background:#fff}a{color:inherit;text-decoration:none}}
/* ── site variants: the 长辈版/繁體 switch, the list of versions on the home, 404/410 (variants.ts) ── */
.variant-switch ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.versions ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.25rem 0 1rem;padding:0}
.versions a[aria-current]{font-weight:700}
.where-next{margin:.25rem 0 1rem}
.where-next li{margin:.25rem 0}
@media print{.variant-switch,.versions{display:none}}
/* ── end site variants ── */
/* ── search: header search box, search pages (routes/search.routes.tsx, views/search-*.tsx) ── */
.search-box{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem;margin:0}
.search-box label{font-weight:600}
.search-box-row{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;min-width:0}
.search-box input{flex:1 1 9rem;width:12rem;max-width:100%;min-width:0;padding:.3rem .45rem;border:1px solid #6e7781;border-radius:4px;font:inherit;color:var(--ink);background:#fff}
.search-box button{padding:.3rem .9rem}
main .search-box{margin:1rem 0 1.5rem}
.site-header .search-box button{background:#fff;color:var(--red);border:1px solid #fff}
.site-header .search-box button.secondary{background:transparent;color:#fff}
.search-form{margin:0 0 1.5rem}
.search-main{max-width:44rem}
.field input[type=search]{width:100%;max-width:100%;padding:.45rem;border:1px solid #6e7781;border-radius:4px;font:inherit}
.field.has-error input[type=search]{border:2px solid var(--err)}
fieldset.radios{border:0;padding:0;margin:0 0 1rem}
.radios legend{padding:0}
.radios label{display:inline-flex;align-items:center;gap:.3rem;margin-right:1.25rem;font-weight:400}
.search-advanced{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin:0 0 1rem}
.search-advanced>summary{cursor:pointer;font-weight:600;padding:.25rem 0}
.search-groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;margin:.75rem 0}
.search-groups fieldset{margin:0;min-width:0}
.search-groups legend{font-weight:700;padding:0 .25rem}
.search-submit{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
.search-total{font-size:1.05rem}
.term{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .35rem;margin:0 .1rem}
.sort-switch{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;margin:.5rem 0 1rem}
.sort-switch ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0;padding:0}
.sort-switch [aria-current]{font-weight:700}
.hits{margin:0;padding-left:2rem}
.hits>li{padding:.75rem 0;border-bottom:1px solid var(--line)}
.hit h3{font-size:1.1rem;margin:0 0 .25rem;overflow-wrap:anywhere}
.hit .snippet{margin:.25rem 0;overflow-wrap:anywhere}
.hit-meta{display:flex;flex-wrap:wrap;gap:.1rem 1.25rem;margin:.25rem 0 0;font-size:.92rem;color:var(--muted)}
.hit-meta>div{display:flex;gap:.35rem;min-width:0}
.hit-meta dt{font-weight:600}
.hit-meta dd{margin:0;overflow-wrap:anywhere}
mark{background:#fff0a8;color:inherit;font-weight:700;padding:0 .05em}
.no-hits ul ul{margin:.25rem 0}
@media print{.search-form,.sort-switch{display:none}}
/* ── end search ── */
/* ── site footer, item tools, print (views/site-footer.tsx, views/item-tools.tsx) ── */
.portal-footer p{margin:.3rem 0}
.footer-links{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0 0 .5rem;padding:0 0 .5rem;border-bottom:1px solid var(--line)}
.footer-ids{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.3rem 0;padding:0}
.footer-ids img{vertical-align:-3px}
.conac{margin:.5rem 0 0}
.conac img{display:block}
.item-tools .tool-buttons,.item-tools .share{display:flex;flex-wrap:wrap;gap:.5rem .75rem;align-items:center}
.item-tools .share[hidden],.item-tools [hidden]{display:none}
.item-tools .qr{margin:0;text-align:center;font-size:.85rem;color:var(--muted)}
.item-tools .qr svg{display:block;margin:0 auto .25rem;max-width:100%;height:auto}
.item-tools .view-count{margin:0;color:var(--muted)}
.offscreen{position:absolute;left:-9999px;top:0}
.print-only{display:none}
@media print{.print-only{display:block;font-size:.9rem;overflow-wrap:anywhere}.attachments a::after{content:"（" attr(href) "）";font-size:.85em;overflow-wrap:anywhere}}
/* ── end site footer, item tools ── */
`;

/** 打印 prints the page; 关闭 closes a window the portal opened, or returns to the column. */
export const PORTAL_JS = `(function(){
  var tools=document.querySelectorAll('[data-portal-action]');
  for(var i=0;i<tools.length;i++){
    var b=tools[i];
    b.hidden=false;
    b.addEventListener('click',function(e){
      var el=e.currentTarget,action=el.getAttribute('data-portal-action');
      if(action==='print'){window.print();return;}
      if(action==='close'){
        window.close();
        var back=el.getAttribute('data-back');
        if(back)setTimeout(function(){window.location.href=back;},100);
      }
    });
  }
})();
/* ── 复制链接, 本页地址, 浏览次数 (views/item-tools.tsx) ── */
(function(){
  function copyText(text){
    var t=document.createElement('textarea');
    t.value=text;t.setAttribute('readonly','');t.className='offscreen';
    document.body.appendChild(t);t.select();
    var ok=false;
    try{ok=document.execCommand('copy');}catch(e){}
    document.body.removeChild(t);
    return ok;
  }
  var here=window.location.href.split('#')[0];
  var copy=document.querySelectorAll('[data-portal-copy]');
  for(var i=0;i<copy.length;i++){
    var b=copy[i];
    b.hidden=false;
    var group=b.closest('.share');
    if(group)group.hidden=false;
    b.addEventListener('click',function(e){
      var el=e.currentTarget,url=el.getAttribute('data-portal-copy')||here;
      var status=el.parentNode.querySelector('.copy-status');
      var done=function(ok){if(status)status.textContent=ok?'链接已复制':'复制失败，请手动复制浏览器地址栏中的链接';};
      if(navigator.clipboard&&window.isSecureContext)
        navigator.clipboard.writeText(url).then(function(){done(true);},function(){done(copyText(url));});
      else done(copyText(url));
    });
  }
  var addr=document.querySelectorAll('[data-page-address]');
  for(var j=0;j<addr.length;j++)addr[j].textContent=here;
  var vc=document.querySelector('[data-view-count]');
  if(vc&&window.fetch){
    var id=vc.getAttribute('data-view-count');
    var show=function(){
      fetch('/api/v1/views/'+encodeURIComponent(id),{credentials:'omit'})
        .then(function(r){return r.ok?r.json():null;})
        .then(function(d){
          if(!d||typeof d.views!=='number')return;
          vc.querySelector('[data-view-count-value]').textContent=String(d.views);
          vc.hidden=false;
        })
        .catch(function(){});
    };
    fetch('/api/v1/views',{method:'POST',headers:{'content-type':'application/json'},
      body:JSON.stringify({id:id}),keepalive:true,credentials:'omit'}).then(show,show);
  }
})();
`;

/**
 * 长辈版 (/assets/portal-elder.css, after site.css and portal.css on the 长辈版 pages only): a 20px
 * base and bigger headings, text at AAA contrast (7:1 or more on its background), one column with
 * the catalogue after the content, every link in a list and every control at least 44px tall,
 * no small or grey text, line-height 1.9.
 */
export const PORTAL_ELDER_CSS = `
:root{font-size:20px;--ink:#000;--muted:#1f1f1f;--link:#003a80;--red:#8b1010;--ok:#0a4d1c;--warn:#5a3700;--err:#8a1a10;--line:#767676}
body{color:#000;line-height:1.9}
h1{font-size:1.9rem;line-height:1.4}
h2{font-size:1.5rem;line-height:1.5}
h3,.directory h3,.hit h3{font-size:1.25rem;line-height:1.6}
.brand{font-size:1.5rem}
.muted,.tag,.term,.breadcrumb ol,.catalog-nav,.site-footer .bar,.article-body,.article .doc-no,.article .byline,.hit-meta,.search-total,.field .hint,.item-tools .qr,small{font-size:1rem;color:inherit}
.site-footer{color:#000}
.site-header .bar{display:block}
.site-header .bar>*+*{margin-top:.5rem}
.site-nav ul,.variant-switch ul{gap:.25rem 1.5rem}
.portal-band{background:#fff;border-bottom:2px solid var(--red)}
.portal-band .section-name{font-size:1.3rem}
.portal-wrap{display:block}
.catalog-nav{border-top:4px solid var(--red);margin-top:2rem}
.catalog-nav h2{font-size:1.25rem}
.catalog-nav ul ul a{padding-left:1.5rem}
.catalog-nav ul ul ul a{padding-left:2.5rem}
.directory,.cards,.search-groups{display:block}
.directory>li,.cards>li{margin:0 0 1rem}
.meta{grid-template-columns:1fr}
.meta dt{flex-basis:5em}
.article>h1,.article .doc-no,.article .byline{text-align:left}
.site-header a,.portal-band a,.breadcrumb a,.catalog-nav a,.pager a,.pager [aria-current],main li>a,.item-list a,.sort-switch a,.item-tools a,.site-footer li>a{display:inline-flex;align-items:center;min-height:2.2rem;padding:.2rem 0}
.catalog-nav li a{display:flex;padding:.35rem .6rem}
button,.button,input,select{font-size:1rem;min-height:2.2rem}
button,.button{padding:.45rem 1.2rem}
th,td{padding:.6rem .75rem}
.notice{border-left-width:6px}
`;
