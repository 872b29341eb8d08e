// GET /app: the dashboard page, one small HTML document with its CSS and script inline (nothing
// else to fetch before the first data call). The script reads Telegram's launch data from the
// URL's fragment (or a one-time ?login= token from the Discord bot), trades it for a session,
// and draws the creator's factories with plain DOM; its CSP allows exactly this script and style.
import { createHash } from "node:crypto";
import { PAGE_SCRIPT } from "./page-script.js";
import { PAGE_STYLE } from "./page-style.js";
import { PAGE_STRINGS } from "./strings.js";

export const DASHBOARD_PATH = "/app";

/** Telegram's own Mini App script: loaded when opened in Telegram, never needed to work. */
export const TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js";

const script = `const STRINGS=${JSON.stringify(PAGE_STRINGS)};const TG_SCRIPT=${JSON.stringify(TELEGRAM_SCRIPT)};${PAGE_SCRIPT}`;
const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

export const PAGE_HTML =
  `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
  `<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">` +
  `<meta name="color-scheme" content="light dark"><title>CLONES Forge</title>` +
  `<style>${PAGE_STYLE}</style></head><body>` +
  `<header><h1 id="title">CLONES Forge</h1></header>` +
  `<p id="msg" role="status" hidden></p><main id="list" aria-live="polite"></main>` +
  `<script>${script}</script></body></html>`;

/**
 * Only this page's own script and style run; images from here, data: (the QR code) or blob:
 * (keyframes, fetched with the session's bearer token as an <img> cannot send it);
 * calls go to this server only. Telegram's web client shows Mini Apps in a frame, so its
 * origins may frame the page; nobody else may.
 */
export const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": [
    "default-src 'none'",
    `script-src ${hash(script)} https://telegram.org`,
    `style-src ${hash(PAGE_STYLE)}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
  ].join("; "),
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  // The page holds no data (that comes with a session); a short cache spares a phone the bytes.
  "cache-control": "private, max-age=300",
} as const;
