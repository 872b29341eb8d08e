// The dashboard page's CSS: Telegram's theme colours when it passes them (set as variables by
// the script), the system's light or dark scheme otherwise; one column, readable at 360 px.
export const PAGE_STYLE = `
:root{--bg:#fff;--fg:#111;--hint:#6b7280;--card:#f3f4f6;--link:#2563eb;--btn:#2563eb;--btn-fg:#fff;--bad:#dc2626;--good:#16a34a;--mixed:#d97706}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--fg:#e5e7eb;--hint:#9ca3af;--card:#1c1f26;--link:#60a5fa;--btn:#3b82f6;--btn-fg:#fff;--mixed:#fbbf24}}
*{box-sizing:border-box}
body{margin:0;padding:12px 12px 32px;background:var(--bg);color:var(--fg);font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;-webkit-text-size-adjust:100%}
h1{font-size:20px;margin:4px 0 12px}
h2{font-size:17px;margin:0;overflow-wrap:anywhere}
h3{font-size:14px;margin:14px 0 6px;color:var(--hint);font-weight:600}
#msg{margin:0 0 12px;padding:10px 12px;border-radius:10px;background:var(--card);border-left:4px solid var(--link)}
#msg.bad{border-left-color:var(--bad)}
.card{background:var(--card);border-radius:14px;padding:14px;margin:0 0 14px}
.head{display:flex;gap:8px;align-items:flex-start;justify-content:space-between}
.badge{white-space:nowrap;font-size:13px;padding:2px 10px;border-radius:999px;background:var(--bg)}
.badge::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;vertical-align:1px;background:var(--good)}
.badge.paused::before{background:#f59e0b}
.badge.closed::before{background:var(--bad)}
dl{display:grid;grid-template-columns:1fr 1fr;gap:8px 12px;margin:12px 0}
dt{font-size:12px;color:var(--hint)}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:8px}
button{font:inherit;border:0;border-radius:10px;padding:9px 14px;background:var(--btn);color:var(--btn-fg);cursor:pointer;min-height:40px}
button.alt{background:var(--bg);color:var(--fg)}
button:disabled{opacity:.55}
.panel{margin-top:10px}
.panel:empty{display:none}
.panel p{margin:6px 0}
input{font:inherit;padding:8px 10px;border-radius:10px;border:1px solid var(--hint);background:var(--bg);color:var(--fg);width:9em}
form{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.qr{display:block;width:200px;height:200px;margin:8px 0;image-rendering:pixelated;background:#fff;border-radius:8px}
a{color:var(--link)}
.note{color:var(--hint);font-size:13px}
.bars{display:flex;align-items:flex-end;gap:3px;height:90px;border-bottom:1px solid var(--hint);position:relative}
.thr{position:absolute;top:0;bottom:0;border-left:2px dashed var(--bad)}
svg rect.all{fill:var(--hint);opacity:.5}
svg rect.ok{fill:var(--btn)}
svg polyline{stroke:var(--btn)}
.rec p{margin:4px 0;font-weight:600}
.bars span{flex:1;background:var(--btn);border-radius:3px 3px 0 0;min-height:1px}
.bars span.below{background:var(--hint)}
.bars span.mixed{background:var(--mixed)}
.axis{display:flex;justify-content:space-between;font-size:11px;color:var(--hint)}
svg{display:block;width:100%;height:90px}
.recs{display:grid;grid-template-columns:repeat(4,1fr);gap:6px}
.recs figure{margin:0;font-size:12px}
.recs img{width:100%;aspect-ratio:16/9;object-fit:cover;border-radius:6px;background:var(--bg)}
`
  .trim()
  .replace(/\n/g, "");
