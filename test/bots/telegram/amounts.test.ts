// Amounts typed in the chat, as people of each language write them: a Spanish decimal comma is
// a decimal comma ("1,75" is 1.75, never 175), and what could be read two ways is asked again.
import { describe, expect, it } from "vitest";
import { must } from "../../support/scenario.js";
import { telegramHarness, texts } from "../../support/telegram-harness.js";

const ALICE = 111;

async function editReward(lang: string, answers: string[]) {
  const h = telegramHarness();
  await h.send(ALICE, "/start", { lang });
  const alice = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ALICE) })).account;
  const f = await h.s.factory(alice);
  await h.press(ALICE, `edit:${f.id}:reward`, { lang });
  const replies: string[] = [];
  for (const answer of answers) replies.push(texts(await h.send(ALICE, answer, { lang }))[0]!);
  return { replies, reward: must(await h.s.core.getFactoryOverview(f.id)).factory.rewardPerDemo };
}

describe("amounts typed in the chat", () => {
  it("GIVEN a Spanish creator WHEN the new reward is 1,75 THEN it is 1.75 USDC", async () => {
    const { replies, reward } = await editReward("es", ["1,75"]);
    expect(reward).toBe(1_750_000n);
    expect(replies[0]).toContain("Guardado");
  });

  it("GIVEN a Spanish creator WHEN the answer could be thousands or decimals THEN it is refused naming both forms, and the next answer counts", async () => {
    const { replies, reward } = await editReward("es", ["1.750", "1.750,5"]);
    expect(replies[0]).toContain("«1.750»");
    expect(replies[0]).toContain("1750");
    expect(replies[0]).toContain("1.7500");
    expect(reward).toBe(1_750_500_000n);
  });

  it("GIVEN an English creator WHEN the new reward is 1,250.5 or 2,5 THEN 1250.5, then 2.5 (never 25)", async () => {
    expect((await editReward("en", ["1,250.5"])).reward).toBe(1_250_500_000n);
    expect((await editReward("en", ["2,5"])).reward).toBe(2_500_000n);
  });

  it("GIVEN a Spanish creator WHEN the answer is not an amount THEN the example is written the Spanish way", async () => {
    const { replies } = await editReward("es", ["doce", "3"]);
    expect(replies[0]).toContain("12,5");
  });
});
