//! The one stylesheet, inlined in every page: system fonts only, a layout that reflows on a
//! phone, status colours shared by the heat map, badges and charts, and print rules (no
//! navigation or controls, charts kept whole, links followed by nothing extra).

pub const CSS: &str = r#"
:root{--ok:#2e7d32;--watch:#f9a825;--warning:#ef6c00;--critical:#c62828;--nodata:#9e9e9e;--fact:#546e7a;--ink:#1c1c1c;--muted:#5f6368;--line:#dadce0;--bg:#fff;--accent:#1a56a8}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Droid Sans Fallback",sans-serif;color:var(--ink);background:var(--bg);line-height:1.45;font-size:15px}
main{max-width:1100px;margin:0 auto;padding:12px 16px 48px}
h1{font-size:1.6em;margin:.4em 0}h2{font-size:1.3em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1.08em;margin:1.2em 0 .3em}
a{color:var(--accent)}
nav.top{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center;padding:8px 16px;border-bottom:1px solid var(--line);background:#f6f8fa}
nav.top .brand{font-weight:700;margin-right:8px}nav.top a{text-decoration:none}nav.top a[aria-current]{font-weight:700;text-decoration:underline}nav.top .lang{margin-left:auto}
.summary{display:flex;flex-wrap:wrap;gap:12px;align-items:stretch;margin:.6em 0}
.summary .box{border:1px solid var(--line);border-radius:8px;padding:8px 12px;min-width:150px}
.summary .big{font-size:1.7em;font-weight:700}
.summary-block{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:.6em 0}
.summary-lines{margin:.3em 0 0 1.1em;padding:0}.summary-lines li{margin:.15em 0}
.muted{color:var(--muted)}.small{font-size:.88em}
.stale{display:inline-block;padding:0 6px;border-radius:8px;border:1px solid var(--muted);color:var(--muted);font-size:.8em}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:.85em;font-weight:600;white-space:nowrap}
.st-ok{background:var(--ok)}.st-watch{background:var(--watch);color:#1c1c1c}.st-warning{background:var(--warning)}.st-critical{background:var(--critical)}.st-no_data{background:var(--nodata)}.st-fact{background:var(--fact)}
.lv-low{background:var(--ok)}.lv-guarded{background:#7cb342}.lv-elevated{background:var(--watch);color:#1c1c1c}.lv-high{background:var(--warning)}.lv-critical{background:var(--critical)}.lv-none{background:var(--nodata)}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}th{background:#f6f8fa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
.heatmap{display:grid;grid-template-columns:minmax(120px,190px) 1fr;gap:6px 10px;align-items:start}
.heatmap .row-label{font-weight:600;padding-top:4px}.heatmap .row-label a{text-decoration:none;color:var(--ink)}
.heatmap .cells{display:flex;flex-wrap:wrap;gap:4px}
.heatmap .cell{position:relative;display:block;width:128px;min-height:46px;padding:3px 5px 7px;border-radius:5px;color:#fff;text-decoration:none;font-size:.74em;line-height:1.2;overflow:hidden}
.heatmap .cell.st-watch{color:#1c1c1c}
.heatmap .cell .cell-title{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.heatmap .cell .cell-value{display:block;font-weight:700}
.heatmap .cell .pbar{position:absolute;left:0;bottom:0;height:4px;background:rgba(0,0,0,.45)}
.legend{display:flex;flex-wrap:wrap;gap:8px;margin:.4em 0;font-size:.85em}
.check{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:12px 0;break-inside:avoid}
.check h3{margin-top:.2em}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:2px 12px;margin:.3em 0}
.facts div{font-size:.9em}.facts b{display:block;font-weight:600;color:var(--muted);font-size:.85em}
.verdict{margin:.3em 0}
svg.chart{width:100%;height:auto;max-height:300px;display:block;margin:.3em 0;font-size:11px;touch-action:none}
svg.chart .grid{stroke:#eceff1;stroke-width:1}svg.chart .frame{fill:none;stroke:#b0bec5}
svg.chart .tick,svg.chart .unit{fill:#5f6368}
svg.chart .line{fill:none;stroke:var(--accent);stroke-width:1.6}
svg.chart .recession{fill:#cfd8dc;opacity:.55}
svg.chart .threshold{stroke-dasharray:5 4;stroke-width:1.2}svg.chart .threshold.watch{stroke:var(--watch)}svg.chart .threshold.warning{stroke:var(--warning)}svg.chart .threshold.critical{stroke:var(--critical)}
svg.chart .threshold-label{font-size:10px}svg.chart .threshold-label.watch{fill:#a67c00}svg.chart .threshold-label.warning{fill:var(--warning)}svg.chart .threshold-label.critical{fill:var(--critical)}
svg.chart .latest{fill:var(--critical);stroke:#fff;stroke-width:1.5}svg.chart .latest-label{fill:var(--ink);font-weight:600}
svg.chart .hover-line{stroke:#37474f;stroke-width:1}svg.chart .hover-dot{fill:var(--accent)}svg.chart .zoom-box{fill:rgba(26,86,168,.15)}
svg.chart .bar.crashed{fill:var(--critical)}svg.chart .bar.survived{fill:var(--ok)}svg.chart .bar.pending{fill:var(--nodata)}
svg.chart .bar.down{fill:var(--critical)}svg.chart .bar.up{fill:var(--ok)}svg.chart .bar.total{fill:var(--accent)}svg.chart .bar.hist{fill:var(--accent);opacity:.75}svg.chart .point{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:4 3}
.network-wrap{overflow-x:auto}.network-wrap svg{max-width:100%;height:auto}
.tooltip{position:fixed;pointer-events:none;background:#263238;color:#fff;padding:3px 7px;border-radius:4px;font-size:12px;display:none;z-index:10}
.placeholder{border:1px dashed var(--nodata);border-radius:8px;padding:8px 12px;color:var(--muted);background:#fafafa}
.sliders{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:10px 18px;margin:.6em 0}
.sliders label{display:block;font-size:.9em}.sliders input[type=range]{width:100%}
.sliders output{font-weight:700}
button,.button{font:inherit;padding:5px 12px;border:1px solid var(--accent);border-radius:6px;background:var(--accent);color:#fff;cursor:pointer}
pre.log{background:#f6f8fa;border:1px solid var(--line);padding:8px;max-height:300px;overflow:auto;font-size:.85em;white-space:pre-wrap}
footer{margin-top:2em;color:var(--muted);font-size:.85em}
@media (max-width:600px){body{font-size:14px}main{padding:8px}.heatmap{grid-template-columns:1fr}.heatmap .cell{width:calc(50% - 4px)}.summary .box{min-width:0;flex:1 1 40%}}
@media print{nav.top,.no-print,button,.sliders,.tooltip{display:none!important}body{font-size:11pt}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}.check,svg.chart,table{break-inside:avoid}h2{break-after:avoid}.heatmap .cell{border:1px solid #999;-webkit-print-color-adjust:exact;print-color-adjust:exact}.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;
