/**
 * The public application pages' own stylesheet and script, served from the site's origin (the CSP allows
 * only 'self' scripts). The pages work without either: the script hides the form's sections that do not
 * apply to the applicant kind chosen, lists published items matching the 名称 as it is typed (the open
 * search API), moves the focus to the error summary when there is one, and shows a print button on the 回执. The stylesheet's print rules print the 回执 alone.
 */
export const APPLY_CSS_PATH = '/apply/assets/apply.css';
export const APPLY_JS_PATH = '/apply/assets/apply.js';

export const APPLY_CSS = `
[hidden]{display:none!important}
.apply-form section{margin:1.5rem 0}
.apply-form .part{border-left:3px solid var(--line,#d0d7de);padding-left:1rem;margin:1rem 0}
.apply-form .req{color:var(--err,#b42318);font-weight:400;margin-left:.25rem}
.apply-form fieldset.nested{border:0;padding:.25rem 0 0;margin:.25rem 0 0}
.apply-form fieldset.nested legend{font-weight:600}
.apply-form .field.check label{font-weight:400}
.apply-form .privacy{background:#f6f8fa;padding:.5rem 1rem;border-radius:4px}
.apply-form .actions button{font-size:1.1rem;padding:.5rem 1.5rem}
.matches ul,.matches-result ul{margin:.25rem 0 .5rem 1.25rem}
.receipt .code,.case-facts .code{font-family:ui-monospace,Consolas,monospace;font-size:1.25rem;font-weight:700;letter-spacing:.05em}
.receipt dl div,.case-facts div{display:flex;gap:1rem;padding:.25rem 0;border-bottom:1px solid #eaeef2}
.receipt dt,.case-facts dt{min-width:8rem;font-weight:600}
.receipt dd,.case-facts dd{margin:0}
.steps .step-date{font-weight:600}
form.inline{display:inline;margin:0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
  .site-header,.site-footer,.portal-band,.breadcrumb,.skip,.no-print,nav,form{display:none!important}
  .portal-wrap{display:block!important;max-width:none!important}
  body{font-size:12pt;color:#000;background:#fff}
  .notice{border:1px solid #000!important;background:#fff!important}
  a{color:#000;text-decoration:none}
}
`;

export const APPLY_JS = `(function(){
'use strict';
var form=document.querySelector('form.apply-form');
if(form){
  var parts=form.querySelectorAll('.part[data-for]');
  var update=function(){
    var kind=form.querySelector('input[name="applicantKind"]:checked');
    var agent=form.querySelector('input[name="hasAgent"]');
    for(var i=0;i<parts.length;i++){
      var p=parts[i],f=p.getAttribute('data-for'),show=true;
      if(f==='person')show=!kind||kind.value==='person';
      else if(f==='organization')show=!kind||kind.value!=='person';
      else if(f==='agent')show=!!(agent&&agent.checked);
      if(p.querySelector('[aria-invalid="true"]'))show=true;
      p.hidden=!show;
    }
  };
  form.addEventListener('change',update);
  update();
  var title=document.getElementById('f-infoTitle');
  var box=document.getElementById('title-matches');
  var agency=form.getAttribute('data-agency');
  var timer=null,last='';
  if(title&&box&&agency&&window.fetch){
    title.addEventListener('input',function(){
      clearTimeout(timer);
      timer=setTimeout(function(){
        var q=title.value.trim();
        if(q===last)return;
        last=q;
        if(q.length<2){box.textContent='';return;}
        fetch('/api/v1/open/search?field=title&agency='+encodeURIComponent(agency)+'&q='+encodeURIComponent(q.slice(0,100)),{headers:{accept:'application/json'}})
          .then(function(r){return r.ok?r.json():null;})
          .then(function(data){
            if(q!==last)return;
            box.textContent='';
            if(!data||!data.hits||data.hits.length===0)return;
            var p=document.createElement('p');
            p.textContent='本机关已公开以下相关信息（共'+data.total+(data.totalCapped?'余':'')+'条），如已有您需要的信息，可直接查阅：';
            box.appendChild(p);
            var ul=document.createElement('ul');
            data.hits.slice(0,5).forEach(function(h){
              var li=document.createElement('li');
              var a=document.createElement('a');
              a.href=h.url;a.textContent=h.title;a.target='_blank';a.rel='noopener';
              li.appendChild(a);
              li.appendChild(document.createTextNode((h.docNo?'（'+h.docNo+'）':'')+' '+h.publishedOn+'（在新窗口打开）'));
              ul.appendChild(li);
            });
            box.appendChild(ul);
          })
          .catch(function(){});
      },400);
    });
  }
}
var es=document.getElementById('error-summary');
if(es&&es.focus)es.focus();
var pb=document.querySelectorAll('.print-button');
for(var j=0;j<pb.length;j++){pb[j].hidden=false;pb[j].addEventListener('click',function(){window.print();});}
})();
`;
