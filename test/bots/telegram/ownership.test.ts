// Forged buttons for someone else's factory show nothing of it: not the pool's balance, not a
// dialog. The core decides who may open each owner-only screen.
import { describe, expect, it } from "vitest";
import { must } from "../../support/scenario.js";
import { buttons, telegramHarness, texts } from "../../support/telegram-harness.js";

const ALICE = 111;
const BOB = 222;
const ADMIN = 333;

async function alicesFundedFactory(h: ReturnType<typeof telegramHarness>) {
  await h.send(ALICE, "/start");
  const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
  const f = await h.s.factory(alice);
  await h.s.fund(f, 2_000_000n);
  return f;
}

const refusal = (calls: Awaited<ReturnType<ReturnType<typeof telegramHarness>["press"]>>) => [
  ...texts(calls),
  ...calls.filter((c) => c.method === "answerCallbackQuery").map((c) => String(c.payload.text ?? "")),
];

describe("owner-only screens", () => {
  it("GIVEN Alice's funded factory WHEN Bob forges fund:<id> THEN he is refused and sees no balance", async () => {
    const h = telegramHarness();
    const f = await alicesFundedFactory(h);
    const calls = await h.press(BOB, `fund:${f.id}`);
    expect(texts(calls)).toEqual(["⚠️ Only the factory's owner can do that."]);
    expect(JSON.stringify(calls)).not.toContain("2 USDC");
    // Alice still gets her pool.
    expect(texts(await h.press(ALICE, `fund:${f.id}`))[0]).toContain("Your pool: 2 USDC");
  });

  it("GIVEN Alice's factory WHEN Bob forges closeask THEN no close dialog is shown", async () => {
    const h = telegramHarness();
    const f = await alicesFundedFactory(h);
    const calls = await h.press(BOB, `status:${f.id}:closeask`);
    expect(texts(calls)).toEqual(["⚠️ Only the factory's owner can do that."]);
    expect(buttons(calls).some(([, data]) => data === `status:${f.id}:close`)).toBe(false);
    const own = await h.press(ALICE, `status:${f.id}:closeask`);
    expect(texts(own)[0]).toContain("for good");
  });

  it("GIVEN Alice's paused factory WHEN Bob forges the withdraw prompt THEN it is refused before any amount is shown", async () => {
    const h = telegramHarness();
    const f = await alicesFundedFactory(h);
    await h.press(ALICE, `status:${f.id}:pause`);
    const calls = await h.press(BOB, `withdraw:${f.id}:ask`);
    expect(refusal(calls).join("\n")).toContain("Only the factory's owner");
    expect(JSON.stringify(calls)).not.toContain("2 USDC");
  });

  it("GIVEN an admin THEN moderation screens open (card, close dialog) but the withdrawal does not", async () => {
    const h = telegramHarness({ adminIds: [String(ADMIN)] });
    const f = await alicesFundedFactory(h);
    expect(texts(await h.press(ADMIN, `status:${f.id}:closeask`))[0]).toContain("for good");
    await h.press(ALICE, `status:${f.id}:pause`);
    expect(refusal(await h.press(ADMIN, `withdraw:${f.id}:ask`)).join("\n")).toContain("Only the factory's owner");
  });
});
