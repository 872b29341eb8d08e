// The dashboard page's script, plain ES2020 run by the phone's browser (Telegram's web view or
// any browser from the Discord link): sign in, then draw the factories with DOM calls; names and
// every other value from the server go in as text, never as HTML. STRINGS and TG_SCRIPT are
// declared before it (server/dashboard/page.ts).
export const PAGE_SCRIPT = `
"use strict";
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.hash.slice(1));
const launch = params.get("tgWebAppData");
let lang = "en";
let session = null;
const T = (key, args) => {
  let text = (STRINGS[lang] || STRINGS.en)[key] || STRINGS.en[key] || key;
  for (const k in args || {}) text = text.split("{" + k + "}").join(String(args[k]));
  return text;
};
function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const k in props || {}) {
    if (k === "text") node.textContent = props[k];
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), props[k]);
    else node.setAttribute(k, props[k]);
  }
  for (const c of children || []) if (c) node.append(c);
  return node;
}
function say(text, bad) {
  const m = $("msg");
  m.hidden = !text;
  m.textContent = text || "";
  m.className = bad ? "bad" : "";
}
function theme() {
  let p = null;
  try { p = JSON.parse(params.get("tgWebAppThemeParams") || "null"); } catch (e) { p = null; }
  if (!p) return;
  const map = { bg_color: "--bg", text_color: "--fg", hint_color: "--hint", secondary_bg_color: "--card",
    link_color: "--link", button_color: "--btn", button_text_color: "--btn-fg" };
  for (const k in map) if (/^#[0-9a-fA-F]{3,8}$/.test(p[k] || "")) document.documentElement.style.setProperty(map[k], p[k]);
  if (p.bg_color) document.documentElement.style.colorScheme = luma(p.bg_color) < 0.5 ? "dark" : "light";
}
function luma(hex) {
  const h = hex.length === 4 ? hex.replace(/(\\w)/g, "$1$1").slice(1) : hex.slice(1, 7);
  const n = parseInt(h, 16);
  return (0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
}
function launchLanguage() {
  try { return JSON.parse(new URLSearchParams(launch || "").get("user") || "{}").language_code || ""; } catch (e) { return ""; }
}
function setLang(code) {
  lang = String(code || "").toLowerCase().startsWith("es") ? "es" : "en";
  document.documentElement.lang = lang;
  $("title").textContent = T("title");
}
async function api(path, body) {
  const headers = { accept: "application/json" };
  if (session) headers.authorization = "Bearer " + session.session;
  if (body) headers["content-type"] = "application/json";
  const res = await fetch("/api/app/" + path, { method: body ? "POST" : "GET", headers, body: body ? JSON.stringify(body) : undefined });
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (res.status === 401 && session) { session = null; sessionStorage.removeItem("forge-app"); throw new Error(T("expired")); }
  if (!res.ok) throw new Error((data && data.message) || T("failed"));
  return data;
}
async function signIn() {
  const login = new URLSearchParams(location.search).get("login");
  if (login) history.replaceState(null, "", location.pathname + location.hash);
  const body = launch ? { initData: launch } : login ? { login } : null;
  if (!body) {
    const kept = JSON.parse(sessionStorage.getItem("forge-app") || "null");
    if (kept && Date.parse(kept.expiresAt) > Date.now()) return kept;
    throw new Error(T("noAuth"));
  }
  const res = await fetch("/api/app/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(T("refused") + ": " + ((data && data.message) || res.status));
  sessionStorage.setItem("forge-app", JSON.stringify(data));
  return data;
}
const money = (f, amount) => amount + " " + f.token;
function card(f) {
  const panel = el("div", { class: "panel" });
  const stats = el("div", { class: "stats" });
  const fields = [["reward", money(f, f.reward)], ["threshold", f.threshold], ["pool", money(f, f.available)],
    ["spent", money(f, f.spent)], ["submissions", f.submissions], ["settled", f.settled], ["paid", f.paid],
    ["average", f.averageScore === null ? "—" : f.averageScore]];
  const node = el("section", { class: "card", "data-id": f.id, "data-status": f.status }, [
    el("div", { class: "head" }, [el("h2", { text: f.name }), el("span", { class: "badge " + f.status, text: T("status-" + f.status) })]),
    el("dl", {}, fields.map(([k, v]) => el("div", {}, [el("dt", { text: T(k) }), el("dd", { text: String(v), "data-field": k })]))),
    el("div", { class: "actions" }, buttons(f, panel, stats)),
    panel, stats,
  ]);
  return node;
}
function buttons(f, panel, stats) {
  const list = [];
  if (f.status === "active") list.push(el("button", { text: T("pause"), "data-act": "pause", onclick: (e) => act(f, "pause", e.target) }));
  if (f.status === "paused") list.push(el("button", { text: T("resume"), "data-act": "resume", onclick: (e) => act(f, "resume", e.target) }));
  if (f.canWithdraw) list.push(el("button", { class: "alt", text: T("withdraw"), "data-act": "withdraw", onclick: () => askWithdraw(f, panel) }));
  if (f.status !== "closed") list.push(el("button", { class: "alt", text: T("fund"), "data-act": "fund", onclick: () => askFund(f, panel) }));
  list.push(el("button", { class: "alt", text: T("stats"), "data-act": "stats", onclick: (e) => showStats(f, stats, e.target) }));
  return list;
}
function replace(f) {
  const old = document.querySelector('[data-id="' + CSS.escape(f.id) + '"]');
  if (old) old.replaceWith(card(f));
}
async function act(f, action, button) {
  button.disabled = true;
  try {
    const data = await api("factories/" + encodeURIComponent(f.id) + "/" + action, {});
    say("");
    replace(data.factory);
  } catch (e) { say(e.message, true); button.disabled = false; }
}
function nonce() {
  const b = new Uint8Array(9);
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode.apply(null, b)).replace(/[+/=]/g, "x");
}
function askWithdraw(f, panel) {
  const id = nonce();
  const yes = el("button", { text: T("confirm"), "data-act": "confirm-withdraw" });
  yes.onclick = async () => {
    yes.disabled = true;
    try {
      const data = await api("factories/" + encodeURIComponent(f.id) + "/withdraw", { nonce: id });
      replace(data.factory);
      say(T("withdrawn", { amount: format(data.withdrawn.units, data.withdrawn.decimals) + " " + data.withdrawn.token }));
    } catch (e) { say(e.message, true); yes.disabled = false; }
  };
  panel.replaceChildren(el("p", { text: T("withdrawAsk", { amount: money(f, f.available) }) }),
    el("div", { class: "actions" }, [yes, el("button", { class: "alt", text: T("cancel"), onclick: () => panel.replaceChildren() })]));
}
function format(units, decimals) {
  const s = String(units).padStart(decimals + 1, "0");
  const whole = s.slice(0, s.length - decimals);
  const frac = s.slice(s.length - decimals).replace(/0+$/, "");
  return frac ? whole + "." + frac : whole;
}
function askFund(f, panel) {
  const input = el("input", { inputmode: "decimal", autocomplete: "off", "aria-label": T("fundAsk", { token: f.token }), placeholder: f.token });
  const go = el("button", { type: "submit", text: T("fundGo") });
  const out = el("div");
  const form = el("form", {}, [input, go]);
  form.onsubmit = async (e) => {
    e.preventDefault();
    go.disabled = true;
    try {
      const data = await api("factories/" + encodeURIComponent(f.id) + "/fund", { amount: input.value });
      const expires = new Date(data.expiresAt).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
      out.replaceChildren(el("p", { text: T("fundShown", { expires }) }), el("img", { class: "qr", src: data.qr, alt: data.url }),
        el("a", { href: data.url, text: T("openWallet") }));
      say("");
    } catch (err) { out.replaceChildren(el("p", { class: "note", text: err.message })); }
    go.disabled = false;
  };
  panel.replaceChildren(el("p", { text: T("fundAsk", { token: f.token }) }), form, out);
  input.focus();
}
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, children) {
  const node = document.createElementNS(SVG, tag);
  for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
  for (const c of children || []) node.append(c);
  return node;
}
const shortDay = (d) => new Date(d + "T00:00:00Z").toLocaleDateString(lang, { month: "short", day: "numeric", timeZone: "UTC" });
function scoreChart(bins, threshold) {
  const max = Math.max(1, ...bins);
  const bars = el("div", { class: "bars", role: "img", "aria-label": T("scores") + ": " + bins.join(", ") });
  bins.forEach((n, i) => {
    // As the chat's chart colours them (media/charts binColour): all below, all passed, or cut by the threshold.
    const [lowest, highest] = [i * 10, i === 9 ? 100 : i * 10 + 9];
    const bar = el("span", { title: lowest + "–" + highest + ": " + n, class: highest < threshold ? "below" : lowest < threshold ? "mixed" : "" });
    bar.style.height = (100 * n) / max + "%";
    bars.append(bar);
  });
  const line = el("i", { class: "thr" });
  line.style.left = threshold + "%";
  bars.append(line);
  return [bars, el("div", { class: "axis" }, [el("span", { text: "0" }), el("span", { text: T("thresholdLine", { n: threshold }) }), el("span", { text: "100" })])];
}
function dayChart(days, submissions) {
  const totals = days.map((_, i) => Object.values(submissions).reduce((a, list) => a + (list[i] || 0), 0));
  const passed = submissions.passed || [];
  const max = Math.max(1, ...totals);
  const w = 300 / days.length;
  const parts = [];
  totals.forEach((n, i) => {
    const h = (86 * n) / max;
    const p = (86 * (passed[i] || 0)) / max;
    parts.push(svg("rect", { x: i * w + 0.5, y: 88 - h, width: Math.max(1, w - 1), height: h, class: "all" }));
    if (p) parts.push(svg("rect", { x: i * w + 0.5, y: 88 - p, width: Math.max(1, w - 1), height: p, class: "ok" }));
  });
  const total = totals.reduce((a, b) => a + b, 0);
  return [svg("svg", { viewBox: "0 0 300 90", preserveAspectRatio: "none", role: "img", "aria-label": T("perDay") + ": " + total }, parts),
    el("div", { class: "axis" }, [el("span", { text: shortDay(days[0]) }), el("span", { text: T("total", { n: total, days: days.length }) }), el("span", { text: shortDay(days[days.length - 1]) })])];
}
function poolChart(points, token) {
  const values = points.map((p) => Number(p.amount));
  const max = Math.max(...values, 0) || 1;
  const step = 300 / Math.max(1, values.length - 1);
  const line = values.map((v, i) => (i * step).toFixed(1) + "," + (88 - (86 * v) / max).toFixed(1)).join(" ");
  const last = points[points.length - 1];
  return [svg("svg", { viewBox: "0 0 300 90", preserveAspectRatio: "none", role: "img", "aria-label": T("balance") + ": " + (last ? last.amount : 0) + " " + token },
    [svg("polyline", { points: line, fill: "none", "stroke-width": "2", "vector-effect": "non-scaling-stroke" })]),
    el("div", { class: "axis" }, [el("span", { text: shortDay(points[0].at.slice(0, 10)) }), el("span", { text: (last ? last.amount : "0") + " " + token }), el("span", { text: shortDay(last.at.slice(0, 10)) })])];
}
async function keyframe(recordingId, n) {
  const res = await fetch("/api/app/recordings/" + encodeURIComponent(recordingId) + "/keyframes/" + n, { headers: { authorization: "Bearer " + session.session } });
  if (!res.ok) return null;
  return URL.createObjectURL(await res.blob());
}
function recordings(list) {
  if (!list.length) return [el("p", { class: "note", text: T("noData") })];
  return list.map((r) => {
    const frames = el("div", { class: "recs" });
    for (const n of r.keyframes) {
      const img = el("img", { alt: "", loading: "lazy", "data-recording": r.recordingId });
      frames.append(img);
      keyframe(r.recordingId, n).then((url) => { if (url) img.src = url; else img.remove(); });
    }
    const when = new Date(r.date).toLocaleDateString(lang, { year: "numeric", month: "short", day: "numeric" });
    return el("div", { class: "rec" }, [el("p", { text: r.score + " · " + when }), frames]);
  });
}
async function showStats(f, box, button) {
  if (box.childElementCount) { box.replaceChildren(); return; }
  button.disabled = true;
  try {
    const i = await api("factories/" + encodeURIComponent(f.id) + "/insights");
    box.replaceChildren(el("h3", { text: T("scores") }), ...scoreChart(i.scoreBins, i.threshold),
      el("h3", { text: T("perDay") }), ...dayChart(i.days, i.submissions),
      el("h3", { text: T("balance") }), ...poolChart(i.pool, i.token),
      el("h3", { text: T("best") }), ...recordings(i.best),
      el("h3", { text: T("worst") }), ...recordings(i.worst));
    box.dataset.loaded = "1";
  } catch (e) { say(e.message, true); }
  button.disabled = false;
}
async function main() {
  theme();
  setLang(launchLanguage() || navigator.language);
  if (launch) {
    const s = el("script", { src: TG_SCRIPT, async: "" });
    s.onload = () => { try { Telegram.WebApp.ready(); Telegram.WebApp.expand(); } catch (e) { /* outside Telegram */ } };
    document.head.append(s);
  }
  say(T("loading"));
  try {
    session = await signIn();
    setLang(session.locale);
    const data = await api("factories");
    say(data.factories.length ? "" : T("none"));
    $("list").replaceChildren(...data.factories.map(card));
    document.body.dataset.ready = "1";
  } catch (e) {
    say(e.message, true);
    document.body.dataset.ready = "0";
  }
}
main();
`;
