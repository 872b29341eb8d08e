// The charts in the Telegram bot, through the real flows and core: /earnings, /commissions and a
// factory's 📊 Stats answer with a photo captioned by the same figures in words, in the person's
// language; the same chart asked for again goes as its file id (no upload); only the owner gets
// a factory's Stats; 📱 Dashboard opens the Mini App (https) or asks for a one-time link.
import { describe, expect, it } from "vitest";
import type { PhotoCache } from "../../../bots/flows/deps.js";
import { must } from "../../support/scenario.js";
import { buttons, telegramHarness, texts, type ApiCall } from "../../support/telegram-harness.js";

const ALICE = 111;
const BOB = 222;

function memoryPhotoCache(): PhotoCache & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (key) => data.get(key),
    put: async (key, fileId) => void data.set(key, fileId),
    delete: async (key) => void data.delete(key),
  };
}

const photos = (calls: readonly ApiCall[]) => calls.filter((c) => c.method === "sendPhoto");

async function paidFarmer(h: ReturnType<typeof telegramHarness>, lang = "en") {
  await h.send(ALICE, "/start", { lang });
  const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
  const f = await h.s.factory(await h.s.person("creator"), { threshold: 60 });
  await h.s.fund(f, 10_000_000n);
  must(await h.s.core.settleSubmission({ submissionId: must(await h.s.submit(alice, f)).id, score: 80 }));
  return { alice, f };
}

describe("charts in the Telegram bot", () => {
  it("GIVEN a paid farmer WHEN they send /earnings twice THEN a photo captioned with the earnings, then the same photo by its file id", async () => {
    const cache = memoryPhotoCache();
    const h = telegramHarness({ photoCache: cache });
    await paidFarmer(h);
    const first = await h.send(ALICE, "/earnings");
    expect(photos(first)).toHaveLength(1);
    const sent = photos(first)[0]!;
    expect(sent.payload.multipart).toBe(true); // uploaded
    expect(String(sent.payload.caption)).toContain("As a farmer</b>\n• 0.72 USDC owed");
    expect(cache.data.size).toBe(1);
    const again = photos(await h.send(ALICE, "/earnings"));
    expect(again).toHaveLength(1);
    expect(again[0]!.payload.multipart).toBeUndefined();
    expect(again[0]!.payload.photo).toBe([...cache.data.values()][0]);
    expect(h.errors).toEqual([]);
  });

  it("GIVEN a Spanish speaker with the same earnings THEN the caption is Spanish and the chart another picture", async () => {
    const cache = memoryPhotoCache();
    const h = telegramHarness({ photoCache: cache });
    const { f } = await paidFarmer(h);
    await h.send(BOB, "/start", { lang: "es" });
    const bob = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(BOB) })).account;
    must(await h.s.core.settleSubmission({ submissionId: must(await h.s.submit(bob, f)).id, score: 80 }));
    const en = photos(await h.send(ALICE, "/earnings"));
    const es = photos(await h.send(BOB, "/earnings", { lang: "es" }));
    expect(es).toHaveLength(1);
    expect(es[0]!.payload.multipart).toBe(true); // not the English picture's file id
    expect(String(es[0]!.payload.caption)).toContain("Como granjero");
    expect(String(en[0]!.payload.caption)).toContain("As a farmer");
    expect(cache.data.size).toBe(2);
  });

  it("GIVEN nothing earned THEN /earnings is text alone (no empty chart)", async () => {
    const h = telegramHarness({ photoCache: memoryPhotoCache() });
    await h.send(ALICE, "/start");
    const calls = await h.send(ALICE, "/earnings");
    expect(photos(calls)).toEqual([]);
    expect(texts(calls)[0]).toContain("Nothing earned yet");
  });

  it("GIVEN a referral who was paid THEN /commissions comes with a chart captioned by the commissions", async () => {
    const h = telegramHarness({ photoCache: memoryPhotoCache() });
    await h.send(ALICE, "/start", { username: "alice" });
    await h.send(BOB, "/start", { username: "bob" });
    const [alice, bob] = await Promise.all(
      [ALICE, BOB].map(
        async (id) => must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(id) })).account,
      ),
    );
    await h.s.refer(bob!, alice!);
    await h.s.stake(alice!, 3_000_000n * 10n ** 9n);
    const f = await h.s.factory(await h.s.person());
    await h.s.fund(f, 5_000_000n);
    must(await h.s.core.settleSubmission({ submissionId: must(await h.s.submit(bob!, f)).id, score: 100 }));
    const calls = await h.send(ALICE, "/commissions");
    expect(photos(calls)).toHaveLength(1);
    expect(String(photos(calls)[0]!.payload.caption)).toContain("• @bob: 0.03 USDC");
  });

  it("GIVEN a factory WHEN its owner presses 📊 Stats THEN a photo with the figures in words; a stranger gets a refusal and no picture", async () => {
    const h = telegramHarness({ photoCache: memoryPhotoCache() });
    await h.send(BOB, "/start");
    const bob = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(BOB) })).account;
    const { f } = await paidFarmer(h);
    // Alice is the farmer; the factory's owner is "creator": Bob opens his own factory instead.
    const own = await h.s.factory(bob, { threshold: 70 });
    await h.s.fund(own, 5_000_000n);
    const farmer = await h.s.person("farmer");
    must(await h.s.core.settleSubmission({ submissionId: must(await h.s.submit(farmer, own)).id, score: 90 }));
    const card = await h.press(BOB, `card:${own.id}`);
    expect(buttons(card).map(([, data]) => data)).toContain(`stats:${own.id}`);
    const stats = await h.press(BOB, `stats:${own.id}`);
    expect(photos(stats)).toHaveLength(1);
    const caption = String(photos(stats)[0]!.payload.caption);
    expect(caption).toContain("Submissions: 1 (1 passed, 0 below the threshold of 70");
    expect(caption).toContain("Pass rate: 100% of those scored");
    expect(buttons(stats)).toEqual([["⬅️ Back", `card:${own.id}`]]);

    const refused = await h.press(BOB, `stats:${f.id}`);
    expect(photos(refused)).toEqual([]);
    expect(texts(refused).join("\n")).toContain("Only the factory's owner");
  });

  it("GIVEN the dashboard on an https server THEN /factories opens it inside Telegram; without https a press gets a one-time link", async () => {
    const issued: string[] = [];
    const loginLink = async (accountId: string) => {
      issued.push(accountId);
      return { url: `https://forge.example/app?login=one-time-${issued.length}`, minutes: 10 };
    };
    const mini = telegramHarness({ dashboard: { webAppUrl: "https://forge.example/app", loginLink } });
    await mini.send(ALICE, "/start");
    const alice = must(await mini.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    await mini.s.factory(alice);
    const list = await mini.send(ALICE, "/factories");
    const keyboard = list.at(-1)!.payload.reply_markup as { inline_keyboard: Array<Array<Record<string, unknown>>> };
    expect(keyboard.inline_keyboard.flat()).toContainEqual({
      text: "📱 Dashboard",
      web_app: { url: "https://forge.example/app" },
    });
    expect(issued).toEqual([]); // no sign-in link made for a Mini App

    const linked = telegramHarness({ dashboard: { loginLink } });
    await linked.send(ALICE, "/start");
    const a2 = must(await linked.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
    await linked.s.factory(a2);
    expect(buttons(await linked.send(ALICE, "/factories"))).toContainEqual(["📱 Dashboard", "dash:link"]);
    const pressed = await linked.press(ALICE, "dash:link");
    expect(texts(pressed)[0]).toContain("opens it once, within 10 minutes");
    expect(buttons(pressed)).toEqual([["Open the dashboard", "https://forge.example/app?login=one-time-1"]]);
    expect(issued).toEqual([a2.id]);
  });
});
