// The dashboard in a real headless Chromium, opened as Telegram opens a Mini App (launch data in
// the URL's fragment): a creator sees only their factories; forged or stale launch data shows a
// refusal and no data; Pause on the page pauses the factory in the core and in the bot's card.
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { factoryCard } from "../../bots/flows/factories.js";
import { createI18n, type Locale } from "../../bots/i18n.js";
import type { Account } from "../../core/accounts/account.js";
import type { Factory } from "../../core/factories/factory.js";
import { formatAmount } from "../../core/money/amount.js";
import { dashboardLink } from "../../app/dashboard.js";
import { must, USDC } from "../support/scenario.js";
import { BOT_TOKEN, startDashboardRig, type DashboardRig } from "../server/dashboard/harness.js";

const CHROMIUM = "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI installs Debian's chromium package`);

const LIGHT = {
  bg_color: "#ffffff",
  text_color: "#000000",
  hint_color: "#707579",
  link_color: "#3390ec",
  button_color: "#3390ec",
  button_text_color: "#ffffff",
  secondary_bg_color: "#f4f4f5",
};
const DARK = {
  bg_color: "#212121",
  text_color: "#ffffff",
  hint_color: "#aaaaaa",
  link_color: "#8774e1",
  button_color: "#8774e1",
  button_text_color: "#ffffff",
  secondary_bg_color: "#181818",
};

let rig: DashboardRig;
let browser: Browser;
let alice: Account;
let alicesFactory: Factory;
let alicesOther: Factory;
let bobsFactory: Factory;
const i18n = createI18n();

/** The page as Telegram opens it: /app#tgWebAppData=…&tgWebAppVersion=8.0&tgWebAppThemeParams=… */
const telegramUrl = (initData: string, theme = LIGHT) =>
  `${rig.url}/app#${new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: "8.0",
    tgWebAppPlatform: "android",
    tgWebAppThemeParams: JSON.stringify(theme),
  })}`;

async function open(url: string, scheme: "light" | "dark" = "light"): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    colorScheme: scheme,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForSelector("body[data-ready]", { timeout: 15_000 });
  return { page, context };
}

/** The factory's card as the bot renders it for its owner (text and button labels). */
async function botCard(owner: Account, factoryId: string, locale: Locale = "en") {
  const person = { account: owner, locale, t: i18n.translator(locale), isAdmin: false };
  const deps = { core: rig.world.core, tokens: rig.world.deps.tokens, explorer: (s: string) => s };
  const shown = await factoryCard(deps, person, factoryId);
  const view = shown.show[0]!.view;
  return { text: view.text, buttons: (view.buttons ?? []).flat().map((b) => b.label) };
}

/** Opens a factory's stats and waits for its charts and every keyframe to be drawn. */
async function showStats(page: Page, factoryId: string) {
  const card = page.locator(`[data-id="${factoryId}"]`);
  await card.locator('[data-act="stats"]').click();
  await card.locator(".stats[data-loaded]").waitFor({ timeout: 10_000 });
  expect(await card.locator(".bars span").count()).toBe(10);
  expect(await card.locator("svg").count()).toBe(2);
  // Polled from here: waitForFunction evaluates inside the page, which the page's CSP forbids.
  const drawn = `[...document.querySelectorAll('[data-id="${factoryId}"] .recs img')].every((i) => i.complete && i.naturalWidth > 0)`;
  for (let tries = 0; !(await page.evaluate(drawn)); tries++) {
    if (tries > 100) throw new Error("keyframes not drawn within 10 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await card.locator(".recs img").count()).toBeGreaterThan(0);
}

describe.skipIf(!present)("the dashboard in Chromium", () => {
  beforeAll(async () => {
    rig = await startDashboardRig();
    alice = await rig.telegramPerson(5005);
    const bob = await rig.telegramPerson(6006);
    // A threshold inside a 10-point bin (60-69): that bin is drawn as neither passed nor below.
    alicesFactory = await rig.world.factory(alice, { name: "Spreadsheet skills", threshold: 65 });
    alicesOther = await rig.world.factory(alice, { name: "Email triage" });
    bobsFactory = await rig.world.factory(bob, { name: "Bob's private factory" });
    await rig.world.fund(alicesFactory, USDC(25));
    await rig.world.fund(alicesOther, USDC(4.5));
    for (const score of [97, 88, 72, 55, 41, 15, 83, 64]) await rig.gradedRecording(alicesFactory, score, 5);
    // Playwright gives each launch a fresh, temporary user-data dir of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  it("GIVEN a creator opening the Mini App THEN they see their factories and not another's", async () => {
    const { page, context } = await open(telegramUrl(rig.initData(5005)));
    try {
      const names = await page.locator(".card h2").allTextContents();
      expect(names.sort()).toEqual(["Email triage", "Spreadsheet skills"]);
      expect(await page.content()).not.toContain("Bob");
      expect(await page.locator(`[data-id="${bobsFactory.id}"]`).count()).toBe(0);
      const pool = page.locator(`[data-id="${alicesFactory.id}"] [data-field="pool"]`);
      const card = await rig.world.core.getFactoryOverview(alicesFactory.id);
      const available = card.ok ? formatAmount(card.value.available, 6) : "?";
      expect(await pool.textContent()).toBe(`${available} USDC`);
    } finally {
      await context.close();
    }
  });

  it("GIVEN forged launch data THEN a refusal and no data", async () => {
    const forged = new URLSearchParams(rig.initData(5005));
    forged.set("user", JSON.stringify({ id: 5005, first_name: "Mallory" }));
    forged.set("hash", "0".repeat(64));
    const { page, context } = await open(telegramUrl(forged.toString()));
    try {
      expect(await page.locator("#msg").textContent()).toMatch(/refused/i);
      expect(await page.locator(".card").count()).toBe(0);
      expect(await page.content()).not.toContain("Spreadsheet");
    } finally {
      await context.close();
    }
  });

  it("GIVEN launch data signed with another bot's token or over an hour ago THEN a refusal and no data", async () => {
    for (const initData of [
      rig.initData(5005, { token: `${BOT_TOKEN}-other` }),
      rig.initData(5005, { authDate: new Date(Date.now() - 2 * 60 * 60_000) }),
    ]) {
      const { page, context } = await open(telegramUrl(initData));
      try {
        expect(await page.locator("#msg").textContent()).toMatch(/refused/i);
        expect(await page.locator(".card").count()).toBe(0);
      } finally {
        await context.close();
      }
    }
  });

  it("GIVEN the creator presses Pause on the page THEN the core and the bot's card say paused, with Resume", async () => {
    const before = await botCard(alice, alicesFactory.id);
    expect(before.buttons).toContain(i18n.t("en", "factory-pause"));
    const { page, context } = await open(telegramUrl(rig.initData(5005)));
    try {
      const card = page.locator(`[data-id="${alicesFactory.id}"]`);
      await card.locator('[data-act="pause"]').click();
      await page.locator(`[data-id="${alicesFactory.id}"][data-status="paused"]`).waitFor({ timeout: 10_000 });
      const overview = await rig.world.core.getFactoryOverview(alicesFactory.id);
      expect(overview.ok && overview.value.factory.status).toBe("paused");
      const after = await botCard(alice, alicesFactory.id);
      expect(after.text).toContain(i18n.t("en", "status-paused"));
      expect(after.buttons).toContain(i18n.t("en", "factory-resume"));
      expect(after.buttons).not.toContain(i18n.t("en", "factory-pause"));
      // The page offers what the bot's card offers now: Resume, and withdrawing the pool.
      const paused = page.locator(`[data-id="${alicesFactory.id}"]`);
      expect(await paused.locator('[data-act="resume"]').count()).toBe(1);
      expect(await paused.locator('[data-act="withdraw"]').count()).toBe(1);
      await showStats(page, alicesFactory.id);
      const bins = await paused.locator(".bars span").evaluateAll((bars) => bars.map((bar) => bar.className));
      expect(bins).toEqual([...Array(6).fill("below"), "mixed", "", "", ""]);
      await page.screenshot({ path: "/tmp/dashboard.png", fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("GIVEN a one-time link from the Discord bot THEN it opens the dashboard once, then is refused", async () => {
    const link = dashboardLink(rig.url, await rig.login(alice.id));
    const first = await open(link);
    try {
      expect(await first.page.locator(".card").count()).toBe(2);
      // The token is gone from the address bar (and from any link shared from it).
      expect(first.page.url()).not.toContain("login=");
    } finally {
      await first.context.close();
    }
    const again = await open(link);
    try {
      expect(await again.page.locator("#msg").textContent()).toMatch(/refused/i);
      expect(await again.page.locator(".card").count()).toBe(0);
    } finally {
      await again.context.close();
    }
  });

  it("GIVEN Fund and an amount typed with a decimal comma THEN the Solana Pay QR code and link show", async () => {
    const { page, context } = await open(telegramUrl(rig.initData(5005)));
    try {
      const card = page.locator(`[data-id="${alicesOther.id}"]`);
      await card.locator('[data-act="fund"]').click();
      await card.locator("input").fill("2,5");
      await card.locator('button[type="submit"]').click();
      const qr = card.locator("img.qr");
      await qr.waitFor({ timeout: 10_000 });
      expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
      const href = (await card.locator("a").getAttribute("href"))!;
      expect(href).toMatch(/^solana:/);
      expect(new URL(href.replace(/^solana:/, "https://x/")).searchParams.get("amount")).toBe("2.5");
    } finally {
      await context.close();
    }
  });

  it("GIVEN Withdraw confirmed with two quick presses THEN the pool is withdrawn once", async () => {
    must(
      await rig.world.core.changeFactoryStatus({
        actor: { accountId: alice.id, isAdmin: false },
        factoryId: alicesOther.id,
        action: "pause",
      }),
    );
    const { page, context } = await open(telegramUrl(rig.initData(5005)));
    try {
      const card = page.locator(`[data-id="${alicesOther.id}"]`);
      await card.locator('[data-act="withdraw"]').click();
      const yes = card.locator('[data-act="confirm-withdraw"]');
      await yes.dblclick({ force: true });
      await page
        .locator(`[data-id="${alicesOther.id}"] [data-field="pool"]`)
        .filter({ hasText: /^0 USDC$/ })
        .waitFor();
      expect(await page.locator("#msg").textContent()).toContain("4.5 USDC");
      const overview = must(await rig.world.core.getFactoryOverview(alicesOther.id));
      expect(overview.available).toBe(0n);
      const payouts = await rig.world.core.getEarnings(alice.id);
      expect(payouts.byRole.creator?.USDC?.owed).toBe(USDC(4.5));
    } finally {
      await context.close();
    }
  });

  it("GIVEN the dark theme and a Spanish speaker THEN the page follows them (screenshot)", async () => {
    const { page, context } = await open(telegramUrl(rig.initData(5005, { languageCode: "es" }), DARK), "dark");
    try {
      expect(await page.locator("h1").textContent()).toBe("Tus fábricas");
      const bg = await page.evaluate("getComputedStyle(document.body).backgroundColor");
      expect(bg).toBe("rgb(33, 33, 33)");
      const overflow = await page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
      expect(overflow).toBe(false);
      await showStats(page, alicesFactory.id);
      expect(await page.evaluate("document.documentElement.scrollWidth > window.innerWidth")).toBe(false);
      await page.screenshot({ path: "/tmp/dashboard-dark.png", fullPage: true });
    } finally {
      await context.close();
    }
  });
});
