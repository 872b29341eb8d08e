// Dataset tokens on Discord, with a real discord.js Client: /datasets and a token's view, trades
// whose Solana Pay request (QR and what will happen) comes as a DM, downloads, launching from the
// Dataset view (a modal, then the share as a select), /metadataset for admins, claims, /earnings'
// fees, and the off state.
import { ComponentType, InteractionResponseType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordBotDeps } from "../../../bots/discord/context.js";
import { datasetToken, datasetTokensOf, readyExports, SOL } from "../../support/dataset-tokens-port.js";
import { must } from "../../support/scenario.js";
import { componentsOf, en, readable, startDiscordHarness, type DiscordHarness } from "./bot-harness.js";

const CLEO = { id: "240000000000000001", username: "cleo" };
const OTTO = { id: "240000000000000002", username: "otto" };
const ADA = { id: "240000000000000003", username: "ada" };

describe("dataset tokens on Discord, with a real discord.js Client and database", () => {
  let h: DiscordHarness;
  let ownerId = "";
  const factoryOwner = new Map<string, string>();
  const tokens = datasetTokensOf({ owner: (f) => factoryOwner.get(f) });
  const account = async (user: { id: string }) =>
    must(await h.s.core.registerAccount({ platform: "discord", externalId: user.id })).account;
  const dm = (user: { id: string }) => h.emulator.dms(user.id).at(-1);
  const command = async (user: { id: string }, name: string, options?: Record<string, string>) => {
    const run = h.emulator.slashCommand({ user: user.id, guildId: h.guildId, name, ...(options ? { options } : {}) });
    await run.response();
    return run;
  };

  beforeAll(async () => {
    h = await startDiscordHarness([CLEO, OTTO, ADA], {
      datasetTokens: tokens.port,
      datasets: readyExports(() => ownerId),
      adminIds: new Set([ADA.id]),
    });
    const cleo = await account(CLEO);
    ownerId = cleo.id;
    tokens.add(
      datasetToken({ id: "t1", symbol: "CLEO", name: "Cleo clicks", creatorId: cleo.id, volume: 2n * SOL, trades: 3 }),
    );
    tokens.add(datasetToken({ id: "t2", symbol: "BOB", name: "Bob browses", volume: SOL }));
  }, 60_000);
  afterAll(async () => h?.close());

  it("GIVEN live tokens WHEN a person opens /datasets, a token, picks 0.5% and buys 0.5 SOL THEN the port gets that buy and the QR comes as a DM saying what will happen", async () => {
    const list = await command(OTTO, "datasets");
    expect(readable(list.original())).toContain("Cleo clicks — $CLEO: 0.000000027 SOL per token");
    const opened = h.emulator.button({ user: OTTO.id, message: list.original()!, customId: "dtok:t1:view:100" });
    await opened.response();
    const view = h.emulator.world.messages.get(list.original()!.id)!;
    expect(readable(view)).toContain("Burn to download: 10000000 $CLEO (1% of the supply)");
    expect(componentsOf(view).map((c) => c.label)).toContain("✅ 1%");

    const slip = h.emulator.button({ user: OTTO.id, message: view, customId: "dtok:t1:view:50" });
    await slip.response();
    const picked = h.emulator.world.messages.get(list.original()!.id)!;
    expect(componentsOf(picked).map((c) => c.label)).toContain("✅ 0.5%");
    const buy = h.emulator.button({ user: OTTO.id, message: picked, label: "Buy 0.5 SOL" });
    await buy.response();
    const otto = await account(OTTO);
    expect(tokens.asks.at(-1)).toEqual({
      accountId: otto.id,
      tokenId: "t1",
      ask: { kind: "buy", solIn: SOL / 2n, slippageBps: 50 },
    });
    const request = dm(OTTO)!;
    expect(request.attachments.map((a) => a.filename)).toEqual(["solana-pay.png"]);
    expect(readable(request)).toMatch(
      /Buy \$CLEO with 0\.5 SOL: about [\d.]+ \$CLEO at today's price, at most 0\.5% fewer\./,
    );
    expect(readable(request)).toContain("The price is fixed when your wallet opens this request, not now.");
  });

  it("GIVEN a token WHEN a person sells 100%, burns, and downloads before and after access THEN each answer says what will happen or what to do", async () => {
    const list = await command(OTTO, "datasets");
    // The token's view replaces the list; its buttons are pressed there.
    const press = async (customId: string) => {
      const b = h.emulator.button({
        user: OTTO.id,
        message: h.emulator.world.messages.get(list.original()!.id)!,
        customId,
      });
      await b.response();
      return b;
    };
    await press("dtok:t1:view:100");
    await press("dtok:t1:view:500");
    await press("dtok:t1:sell100:500");
    expect(readable(dm(OTTO))).toContain(
      "Sell 100% of your $CLEO: 100% of the $CLEO in the wallet that opens this request, for SOL at most 5% worse",
    );
    await press("dtok:t1:burn:500");
    expect(readable(dm(OTTO))).toContain("Burn 10000000 $CLEO to download");
    expect(tokens.asks.slice(-2).map((a) => a.ask)).toEqual([
      { kind: "sell", sellBps: 10_000, slippageBps: 500 },
      { kind: "unlock" },
    ]);

    const refused = await press("dtok:t1:dl:500");
    expect(readable(refused.original())).toContain("To download $CLEO, burn 10000000 $CLEO");
    tokens.grant("t1", (await account(OTTO)).id);
    const granted = await press("dtok:t1:dl:500");
    expect(readable(granted.original())).toContain("$CLEO: 1 download links");
  });

  it("GIVEN a factory with a ready export WHEN its owner presses Launch THEN a modal asks name and symbol, a select the share, and the launch's QR comes as a DM", async () => {
    const cleo = await account(CLEO);
    const factory = await h.s.factory(cleo, { name: "Data farm" });
    factoryOwner.set(factory.id, cleo.id);
    tokens.readyExports.add(factory.id);
    const card = await command(CLEO, "factories", { factory: factory.id });
    const opened = h.emulator.button({ user: CLEO.id, message: card.original()!, label: en("dataset-button") });
    await opened.response();
    const view = h.emulator.world.messages.get(card.original()!.id)!;
    expect(componentsOf(view).map((c) => c.label)).toContain("🚀 Launch token");

    // By its id: the view's first button is the export's download link, which has none.
    const launch = h.emulator.button({ user: CLEO.id, message: view, customId: `dtlaunch:${factory.id}` });
    const modal = await launch.response();
    expect(modal.type).toBe(InteractionResponseType.Modal);
    expect(modal.data?.title).toBe("Launch a dataset token (1/2)");
    const named = h.emulator.modalSubmit({ from: launch, values: { name: "Cleo data", symbol: "cleo" } });
    await named.response();
    const select = componentsOf(named.original()).find((c) => c.type === ComponentType.StringSelect)!;
    expect(select.options?.map((o) => o.value)).toEqual(["dtshare:50", "dtshare:100", "dtshare:200", "dtshare:500"]);
    const share = h.emulator.stringSelect({
      user: CLEO.id,
      message: named.original()!,
      customId: select.custom_id!,
      values: ["dtshare:100"],
    });
    await share.response();
    expect(tokens.launches.at(-1)).toEqual({
      accountId: cleo.id,
      factoryId: factory.id,
      terms: { name: "Cleo data", symbol: "CLEO", burnBps: 100 },
    });
    expect(readable(dm(CLEO))).toMatch(
      /Launch \$CLEO \(Cleo data\): open this with the wallet you linked with \/wallet/,
    );
    expect(readable(dm(CLEO))).toMatch(/plus about [\d.]+ SOL, the price of the allocation, paid into the curve/);
  });

  it("GIVEN /metadataset THEN others are refused, and an admin picks two tokens, names them and gets the launch's QR", async () => {
    expect(readable((await command(OTTO, "metadataset")).original())).toBe(en("admin-only"));
    const menu = await command(ADA, "metadataset");
    const toggle = async (message: typeof menu, customId: string) => {
      const b = h.emulator.button({ user: ADA.id, message: message.original()!, customId });
      await b.response();
      return b;
    };
    await toggle(menu, "mpick:1:pick");
    await toggle(menu, "mpick:3:pick");
    const picks = h.emulator.world.messages.get(menu.original()!.id)!;
    expect(readable(picks)).toContain("Picked (2): $CLEO, $BOB");
    const go = h.emulator.button({ user: ADA.id, message: picks, customId: "mpick:3:go" });
    expect((await go.response()).data?.title).toBe("New meta-dataset (1/2)");
    const named = h.emulator.modalSubmit({ from: go, values: { name: "Clicks and browsing", symbol: "META" } });
    await named.response();
    const select = componentsOf(named.original()).find((c) => c.type === ComponentType.StringSelect)!;
    const share = h.emulator.stringSelect({
      user: ADA.id,
      message: named.original()!,
      customId: select.custom_id!,
      values: ["dtshare:200"],
    });
    await share.response();
    expect(tokens.launches.at(-1)).toMatchObject({
      factoryId: null,
      tokenIds: ["t1", "t2"],
      terms: { symbol: "META", burnBps: 200 },
    });
    expect(readable(dm(ADA))).toContain("Launch the meta-dataset $META (Clicks and browsing), bundling $CLEO, $BOB");
  });

  it("GIVEN an allocation and volume fees WHEN the creator claims and runs /earnings THEN the claim's QR comes as a DM and the fees show", async () => {
    const cleo = await account(CLEO);
    tokens.claim({
      accountId: cleo.id,
      metaId: "meta-9",
      symbol: "META",
      tokenId: "t1",
      allocation: 5_000_000n * 10n ** 6n,
    });
    tokens.fees.set(cleo.id, [{ tokenId: "t1", symbol: "CLEO", fees: 5_000_000n }]);
    const list = await command(CLEO, "datasets");
    const claim = h.emulator.button({ user: CLEO.id, message: list.original()!, label: "🎁 Claim 5000000 $META" });
    await claim.response();
    expect(readable(dm(CLEO))).toContain("Claim 5000000 $META: your share of the meta-dataset's allocation");
    expect(readable((await command(CLEO, "earnings")).original())).toContain(
      "Volume fees of your dataset tokens: 0.005 SOL",
    );
    expect(readable((await command(OTTO, "earnings")).original())).not.toContain("Volume fees");
  });

  it("GIVEN dataset tokens off WHEN a person runs /datasets THEN they are told which setting turns them on", async () => {
    (h.deps as { datasetTokens?: DiscordBotDeps["datasetTokens"] }).datasetTokens = undefined;
    expect(readable((await command(OTTO, "datasets")).original())).toBe(en("dtok-off"));
  });
});
