// Whatever people type as a factory name, a task title, a prompt or a first name, every view
// that shows it renders HTML Telegram accepts, showing the text as typed (less invisible and
// direction-control characters), and buttons that are never blank.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Factory } from "../../../core/factories/factory.js";
import { createTokenRegistry } from "../../../core/money/tokens.js";
import { units } from "../../../core/money/units.js";
import { hasVisibleCharacter, platformDisplayName, stripInvisible } from "../../../core/shared/display-text.js";
import type { Submission } from "../../../core/submissions/submission.js";
import { createI18n, LOCALES, type Translate } from "../../../bots/i18n.js";
import { toHtml } from "../../../bots/telegram/render.js";
import { commissionsView, referralsView } from "../../../bots/views/ambassador.js";
import {
  confirmCloseView,
  confirmWithdrawView,
  factoryCardView,
  factoryListView,
  removeTaskView,
} from "../../../bots/views/creator.js";
import { browseView, factoryTasksView, historyView, submitInstructionsView } from "../../../bots/views/farmer.js";
import { gradeNotice } from "../../../bots/views/grade.js";
import { referralNotice, welcomeView } from "../../../bots/views/onboarding.js";
import { label, type View, type ViewContext } from "../../../bots/views/view.js";
import { telegramVisibleText } from "../../support/telegram-html.js";

const tokens = createTokenRegistry({ USDC: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v" });
const i18n = createI18n();

/** Pieces that have broken chat markup somewhere: markup, HTML, emoji, invisible and bidi characters. */
const PIECES = [
  "*", "**", "_", "__", "`", "```", "\\", "\\`", "<", ">", "&", "&amp;", "&lt;", '"', "'", "<b>", "</code>",
  "[x](https://e.x)", "||", "~", "\n", "\r\n", "\t", " ", "\u00A0", "a", "Zoë", "ñ", "日本", "😀", "👩‍👩‍👧",
  "🏳️‍🌈", "👍🏽", "1️⃣", "e\u0301", "\u0301\u0302\u0303\u0304\u0305", "\u202E", "\u202D", "\u2066", "\u2069",
  "\u200B", "\u200D", "\u200E", "\u200F", "\uFEFF", "\u00AD", "\u0000", "\u001B", "\u007F", "\u0085", "\u2028",
  "\u3164", "\uD800",
]; // prettier-ignore

const hostile = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((p) => p.join("")),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
);

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;

/** Renders a view's text for Telegram; the text a person sees (throws when Telegram would refuse it). */
const seen = (text: string) => telegramVisibleText(toHtml(text));

/** Every label is plain text with something to see, and no invisible or direction-control character. */
function expectCleanButtons(view: View) {
  for (const b of (view.buttons ?? []).flat()) {
    expect(b.label.replace(/[\u200C\u200D]/g, "")).not.toMatch(INVISIBLE);
    expect(hasVisibleCharacter(b.label)).toBe(true);
  }
}

function factory(name: string, title: string, prompt: string): Factory {
  const now = new Date("2026-01-01T00:00:00Z");
  return {
    id: "f1",
    ownerId: "o1",
    name,
    useCase: prompt,
    token: "USDC",
    rewardPerDemo: units(1_000_000n),
    threshold: 50,
    limits: { perTask: null, perDay: null, total: null },
    status: "paused",
    tasks: [
      { id: "t1", title, prompt, app: null },
      { id: "t2", title: "Sort rows", prompt: "Sort", app: null },
    ],
    createdAt: now,
    updatedAt: now,
  };
}

function submission(): Submission {
  return {
    id: "s1",
    factoryId: "f1",
    taskId: "t1",
    farmerId: "a1",
    token: "USDC",
    rewardPerDemo: units(1_000_000n),
    threshold: 50,
    status: "settled",
    reserved: units(0n),
    score: 80,
    gross: units(800_000n),
    paid: units(800_000n),
    createdAt: new Date("2026-01-02T00:00:00Z"),
  } as Submission;
}

/** Each view that shows a factory name, a task title or a prompt, with where the typed text appears. */
function factoryViews(ctx: ViewContext, f: Factory): Array<[string, View]> {
  const task = f.tasks[0]!;
  const t = ctx.t;
  return [
    ["browse", browseView(ctx, 0, { items: [{ factory: f, available: 0n, open: false }], total: 1 })],
    ["factory tasks", factoryTasksView(ctx, f)],
    ["pairing message", submitInstructionsView(t, f, task, "PAIR1", { install: "npm i -g forge", acceptsFiles: true })],
    [
      "history",
      historyView(ctx, [{ submission: submission(), factoryName: f.name, taskTitle: task.title, recording: "graded" }]),
    ],
    ["factory card", factoryCardView(ctx, { factory: f, stats: stats(), available: 5n })],
    ["withdraw", confirmWithdrawView(ctx, { factory: f, available: 5n, wallet: null, nonce: "abcdefgh" })],
    ["close", confirmCloseView(t, f)],
    [
      "grade",
      {
        text: gradeNotice(t, tokens, {
          factoryName: f.name,
          taskTitle: task.title,
          token: "USDC",
          threshold: 50,
          grade: {
            score: 40,
            components: [{ name: "llm", weight: 100, value: 0.4, points: 40 }],
            reasons: [{ code: "llm_reason", text: task.prompt, params: { text: task.prompt } }],
            rejected: false,
            actionCount: 3,
            durationMs: 1000,
            llm: null,
          } as never,
          earned: 0n,
          payout: null,
          explorer: (s) => `https://explorer.solana.com/tx/${s}`,
        }),
      },
    ],
  ];
}

const stats = () => ({ submissions: 1, settled: 1, paid: 1, averageScore: 80, spent: 1n });

describe("typed text in every view", () => {
  for (const locale of LOCALES) {
    const t: Translate = i18n.translator(locale);
    const ctx: ViewContext = { t, tokens };

    it(`[${locale}] GIVEN any factory name, task title and prompt THEN each view's HTML is accepted by Telegram and shows them as typed`, () => {
      fc.assert(
        fc.property(hostile, hostile, hostile, (name, title, prompt) => {
          const f = factory(name, title, prompt);
          for (const [, view] of factoryViews(ctx, f)) {
            const visible = seen(view.text);
            expect(visible).toContain(stripInvisible(name));
            expectCleanButtons(view);
          }
          const [browse, tasks, pairing, history] = factoryViews(ctx, f).map(([, v]) => seen(v.text));
          expect(browse).toContain(stripInvisible(name));
          expect(tasks).toContain(stripInvisible(name));
          expect(tasks).toContain(stripInvisible(prompt));
          expect(pairing).toContain(stripInvisible(title));
          expect(pairing).toContain(stripInvisible(name));
          expect(pairing).toContain(stripInvisible(prompt));
          expect(pairing).toContain("forge login PAIR1");
          expect(history).toContain(stripInvisible(title));
          // Buttons carry the cleaned name and title.
          const open = browseView(ctx, 0, { items: [{ factory: f, available: 5_000_000n, open: true }], total: 1 });
          expect(open.buttons![0]![0]!.label).toContain(label(name));
          expect(factoryTasksView(ctx, f).buttons![0]![0]!.label).toContain(label(title));
          for (const view of [open, factoryListView(ctx, [f]), removeTaskView(t, f)]) expectCleanButtons(view);
        }),
        { numRuns: 150 },
      );
    });

    it(`[${locale}] GIVEN any first name or username THEN the ambassador's notices show it as typed, never as markup`, () => {
      fc.assert(
        fc.property(hostile, hostile, (first, username) => {
          const named = platformDisplayName(first);
          const byName = seen(referralNotice(t, { name: first }));
          expect(byName).toContain(named ?? t("person-unnamed"));
          const byUsername = seen(referralNotice(t, { username, name: first }));
          const handle = platformDisplayName(username);
          expect(byUsername).toContain(handle ? `@${handle}` : (named ?? t("person-unnamed")));
          const referee = { id: "r1", referredAt: new Date(0), createdAt: new Date(0) };
          const list = referralsView(ctx, [{ referee: referee as never, earned: { USDC: 5n } }], () => first);
          expect(seen(list.text)).toContain(stripInvisible(first));
          const commissions = commissionsView(ctx, {
            earnings: { byRole: { ambassador: { USDC: { paid: 5n, inFlight: 0n, owed: 0n } } } } as never,
            lastThirtyDays: {},
            byReferral: [{ name: first, earned: { USDC: 5n } }],
          });
          expect(seen(commissions.text)).toContain(stripInvisible(first));
          const welcome = welcomeView(t, { returning: false, referrerName: first });
          expect(seen(welcome.text)).toContain(stripInvisible(first));
        }),
        { numRuns: 150 },
      );
    });
  }
});
