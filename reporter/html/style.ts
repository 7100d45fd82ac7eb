/** The report's only stylesheet (inline; the page loads nothing). Narrow first: one column, then a grid from 760 px. */
export const STYLE = `
:root{--fg:#1d2430;--muted:#4f5969;--bg:#f7f8fa;--card:#fff;--line:#d5dae3;--pass:#1a7f37;--fail:#c21f2b;--warn:#8a5a00;
 --na:#5f6873;--info:#0862c9;--mark:#fff1b8;--markline:#d4a72c}
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);
 overflow-wrap:anywhere}
a{color:var(--info)}
a:focus-visible,summary:focus-visible,input:focus-visible,select:focus-visible,button:focus-visible{
 outline:3px solid var(--info);outline-offset:2px}
.wrap{max-width:1180px;margin:0 auto;padding:12px 16px}
h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .5rem}h3{font-size:.95rem;margin:.9rem 0 .3rem}
.verdict{font-size:1.2rem;font-weight:700;padding:8px 14px;border-radius:8px;color:#fff;display:inline-block}
.v-conformant{background:var(--pass)}.v-not-conformant{background:var(--fail)}
.v-could-not-judge,.v-vacuous,.v-partial{background:var(--warn)}
.meta{color:var(--muted);font-size:.88rem}
.counts{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0;padding:0;list-style:none}
.count{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:2px 8px;font-size:.9rem}
.badge{display:inline-block;font-weight:600;font-size:.78rem;line-height:1.5;padding:0 6px;border-radius:4px;color:#fff;
 white-space:nowrap}
.b-pass{background:var(--pass)}.b-fail,.b-error{background:var(--fail)}.b-warn,.b-blocked{background:var(--warn)}
.b-info{background:var(--info)}.b-not-applicable,.b-untested,.b-not-run{background:var(--na)}
.toolbar{background:var(--bg);border-bottom:1px solid var(--line)}
.toolbar .wrap{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;padding-top:8px;padding-bottom:8px}
.toolbar input[type=search]{flex:1 1 220px;min-width:0;font:inherit;padding:6px 8px;border:1px solid #8a94a6;
 border-radius:6px}
.toolbar select{font:inherit;padding:4px;max-width:100%;min-width:0}
.toolbar .pick{display:flex;align-items:center;gap:6px;min-width:0;max-width:100%}
.toolbar fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 10px}
.toolbar legend{float:left;margin-right:6px;font-weight:600}.toolbar label{white-space:nowrap}
.toolbar .only{font-weight:600}
#attention{background:var(--card);border:2px solid var(--fail);border-radius:10px;padding:4px 16px 12px;margin:14px 0}
#attention.ok{border-color:var(--pass)}#attention ol{margin:0;padding-left:1.4em}#attention li{margin:4px 0}
#attention ul.ids{display:flex;flex-wrap:wrap;gap:2px 14px;list-style:none;padding:0;margin:4px 0}
#attention .why{display:block;color:var(--fg);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.setup{background:#ffebe9;border:2px solid var(--fail);border-radius:8px;padding:8px 12px}
section.ep{margin-bottom:10px}.rows{display:flex;flex-direction:column;gap:4px}
details.req{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--na);border-radius:6px}
details.req[data-verdict=fail],details.req[data-verdict=error]{border-left-color:var(--fail)}
details.req[data-verdict=warn],details.req[data-verdict=blocked]{border-left-color:var(--warn)}
details.req[data-verdict=pass]{border-left-color:var(--pass)}
details.req>summary{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;padding:8px 10px;cursor:pointer;
 list-style:none}
details.req>summary::-webkit-details-marker{display:none}
details.req>summary .badge{align-self:start;justify-self:start;margin-top:2px}
details.req>summary .rid{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;font-weight:600}
details.req>summary .st,details.req>summary .why{grid-column:1/-1;min-width:0}
.why{font-size:.9rem}.why-fail,.why-error{color:var(--fail)}.why-warn,.why-blocked{color:var(--warn)}
.why-pass{color:var(--pass)}.why-other{color:var(--muted)}
details.req:target,details.req.flash{box-shadow:0 0 0 3px var(--info)}
.body{padding:2px 12px 12px;border-top:1px solid var(--line);min-width:0}
.cause{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:8px 0;background:#fbfcfd}
.cause .n{font-weight:600}
.loc{font-family:ui-monospace,monospace;font-size:.82rem;background:#eef1f5;padding:0 4px;border-radius:3px}
pre,.code{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;background:#f2f4f7;
 border:1px solid var(--line);padding:8px;border-radius:6px;
 font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;max-height:420px;overflow:auto;margin:6px 0}
.code .ln{display:block;min-height:1.2em}.code .hit{background:var(--mark);outline:1px solid var(--markline)}
.code .miss{background:#ffebe9;color:var(--fail);font-style:italic}
.ex{border-left:3px solid var(--line);padding-left:8px;margin:8px 0}.ex.example{border-left-color:var(--markline)}
.ex>summary,.more>summary,.tests>summary{cursor:pointer}.viol{color:var(--fail)}
.cmds{display:grid;gap:4px}.cmds pre{margin:2px 0}
img.shot{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px}
ul.plain{margin:4px 0;padding-left:1.2em}.held li::marker{content:"✓ ";color:var(--pass)}
.none{padding:12px;color:var(--muted)}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media screen and (max-width:759px){
 .counts,.runmeta{display:none}h1{font-size:1.15rem}.verdict{font-size:1.05rem;padding:4px 10px}
 .toolbar fieldset{font-size:.9rem}#attention{padding:2px 10px 8px;margin:8px 0}
 #attention .why{white-space:normal;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
}
@media (min-width:760px){
 .toolbar{position:sticky;top:0;z-index:2}details.req{scroll-margin-top:150px}
 details.req>summary{grid-template-columns:6.6rem minmax(10rem,15rem) minmax(0,1fr)}
 details.req>summary .badge{grid-column:1;grid-row:1}details.req>summary .idcell{grid-column:2;grid-row:1/span 2}
 details.req>summary .st{grid-column:3;grid-row:1}details.req>summary .why{grid-column:3;grid-row:2}
}
@media print{
 body{background:#fff;font-size:11pt}.toolbar,.noprint{display:none!important}
 details.req{break-inside:avoid;border-left-width:3px}details.req:not([open])>summary{padding:3px 6px}
 pre,.code{max-height:none;overflow:visible}
 a[href^=http]::after{content:" (" attr(href) ")";font-size:.75em;color:var(--muted)}
 #attention .why{white-space:normal}
}
`;
