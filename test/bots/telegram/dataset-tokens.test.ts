// Dataset tokens on Telegram: /datasets and a token's view, trades as Solana Pay QR photos whose
// caption says what will happen (and the port asked exactly that, slippage included), downloads,
// launching from the Dataset view (its owner), /metadataset (admins), claims, /earnings' fees,
// and the off state.
import { describe, expect, it } from "vitest";
import { quoteBuy } from "../../../core/datasets/curve.js";
import { datasetToken, datasetTokensOf, readyExports, SOL } from "../../support/dataset-tokens-port.js";
import { must } from "../../support/scenario.js";
import { buttons, telegramHarness, texts, type ApiCall } from "../../support/telegram-harness.js";

const CLEO = 4242;
const OTTO = 4343;
const ADA = 4444;

const photos = (calls: readonly ApiCall[]) => calls.filter((c) => c.method === "sendPhoto");
const caption = (calls: readonly ApiCall[]) => String(photos(calls)[0]?.payload.caption ?? "");

async function world(options: { admin?: boolean } = {}) {
  let ownerId = "";
  const factoryOwner = new Map<string, string>();
  const tokens = datasetTokensOf({ owner: (f) => factoryOwner.get(f) });
  const h = telegramHarness({
    datasetTokens: tokens.port,
    datasets: readyExports(() => ownerId),
    adminIds: options.admin ? [String(ADA)] : [],
  });
  await h.send(CLEO, "/start");
  await h.send(OTTO, "/start");
  const cleo = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(CLEO) })).account;
  const otto = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(OTTO) })).account;
  ownerId = cleo.id;
  const cleoToken = datasetToken({
    id: "t1",
    symbol: "CLEO",
    name: "Cleo clicks",
    creatorId: cleo.id,
    volume: 2n * SOL,
    trades: 3,
  });
  tokens.add(cleoToken);
  tokens.add(datasetToken({ id: "t2", symbol: "BOB", name: "Bob browses", volume: SOL }));
  return { h, tokens, cleo, otto, factoryOwner, cleoToken };
}

describe("dataset tokens on Telegram", () => {
  it("GIVEN live tokens WHEN a person opens /datasets and a token THEN each shows price, supply, market cap and volume, with trades at 1% slippage marked", async () => {
    const { h } = await world();
    const list = await h.send(OTTO, "/datasets");
    const text = texts(list).join("\n");
    expect(text).toContain(
      "Cleo clicks — $CLEO: 0.000000027 SOL per token · supply 0 · market cap 0 SOL · volume 2 SOL",
    );
    expect(text.indexOf("$CLEO")).toBeLessThan(text.indexOf("$BOB")); // most traded first
    expect(buttons(list)).toEqual([
      ["$CLEO", "dtok:t1:view:100"],
      ["$BOB", "dtok:t2:view:100"],
    ]);

    const view = await h.press(OTTO, "dtok:t1:view:100");
    const shown = texts(view).join("\n");
    for (const line of [
      "Price: 0.000000027 SOL per token",
      "Volume: 2 SOL in 3 trades",
      "Burn to download: 10000000 $CLEO (1% of the supply)",
      "Slippage: 1%",
    ])
      expect(shown).toContain(line);
    expect(buttons(view)).toEqual([
      ["Buy 0.1 SOL", "dtok:t1:buy1:100"],
      ["Buy 0.5 SOL", "dtok:t1:buy5:100"],
      ["Buy 1 SOL", "dtok:t1:buy10:100"],
      ["Sell 25%", "dtok:t1:sell25:100"],
      ["Sell 50%", "dtok:t1:sell50:100"],
      ["Sell 100%", "dtok:t1:sell100:100"],
      ["0.5%", "dtok:t1:view:50"],
      ["✅ 1%", "dtok:t1:view:100"],
      ["5%", "dtok:t1:view:500"],
      ["🔥 Burn to download", "dtok:t1:burn:100"],
      ["⬇️ Download", "dtok:t1:dl:100"],
      ["↻ Refresh", "dtok:t1:view:100"],
      ["🪙 All tokens", "dtlist:show"],
    ]);
    expect(view.map((c) => c.method)).toContain("editMessageText");
  });

  it("GIVEN a meta-dataset WHEN a person opens it THEN its view names the datasets it includes", async () => {
    const { h, tokens } = await world();
    tokens.add(datasetToken({ id: "m1", kind: "meta", symbol: "META", factoryId: null }));
    const member = (tokenId: string) => ({ tokenId, recordings: 2, allocation: 10n ** 12n, claimedAt: null });
    tokens.members.set("m1", [member("t1"), member("t2")]);
    expect(texts(await h.press(OTTO, "dtok:m1:view:100")).join("\n")).toContain(
      "A meta-dataset: it includes $CLEO, $BOB. Burning it unlocks all of them.",
    );
  });

  it("GIVEN 5% slippage picked WHEN the person presses Buy 0.1 SOL THEN the port is asked for that buy at 5% and a QR says what the wallet will do, without claiming it happened", async () => {
    const { h, tokens, otto, cleoToken } = await world();
    const picked = await h.press(OTTO, "dtok:t1:view:500");
    expect(buttons(picked)).toContainEqual(["✅ 5%", "dtok:t1:view:500"]);
    expect(buttons(picked)).toContainEqual(["Buy 0.1 SOL", "dtok:t1:buy1:500"]);

    const bought = await h.press(OTTO, "dtok:t1:buy1:500");
    expect(tokens.asks).toEqual([
      { accountId: otto.id, tokenId: "t1", ask: { kind: "buy", solIn: SOL / 10n, slippageBps: 500 } },
    ]);
    expect(photos(bought)).toHaveLength(1);
    const expected = must(quoteBuy(cleoToken.reserves, cleoToken.params, { solIn: SOL / 10n })).tokens;
    const about = (expected / 10_000n)
      .toString()
      .replace(/(\d{2})$/, ".$1")
      .replace(/\.?0+$/, "");
    expect(caption(bought)).toContain(
      `Buy $CLEO with 0.1 SOL</b>: about ${about} $CLEO at today's price, at most 5% fewer.`,
    );
    expect(caption(bought)).toContain("The price is fixed when your wallet opens this request, not now.");
    expect(caption(bought)).toContain("If another trade on this token lands first, your wallet is told to ask again");
    expect(caption(bought)).toContain("solana:https://forge.example/api/dataset-tx/");
    expect(caption(bought)).not.toMatch(/bought|you got/i);
    expect(buttons(bought)).toEqual([
      ["👛 Open in wallet", String(photos(bought)[0]!.payload.caption).split("\n").at(-1)!],
    ]);
  });

  it("GIVEN a token WHEN the person sells 50% and burns to download THEN the port gets those asks and each QR says what will happen", async () => {
    const { h, tokens, otto } = await world();
    const sold = await h.press(OTTO, "dtok:t1:sell50:100");
    expect(caption(sold)).toContain(
      "Sell 50% of your $CLEO</b>: 50% of the $CLEO in the wallet that opens this request, for SOL at most 1% worse",
    );
    const burned = await h.press(OTTO, "dtok:t1:burn:100");
    expect(caption(burned)).toContain(
      "Burn 10000000 $CLEO to download</b>: the wallet that opens this request burns them.",
    );
    expect(caption(burned)).toContain("Nothing is burned until you approve it in your wallet.");
    expect(tokens.asks.map((a) => a.ask)).toEqual([
      { kind: "sell", sellBps: 5_000, slippageBps: 100 },
      { kind: "unlock" },
    ]);
    expect(tokens.asks.every((a) => a.accountId === otto.id)).toBe(true);
  });

  it("GIVEN no access WHEN the person presses Download THEN they are told what to burn; once granted, they get the links", async () => {
    const { h, tokens, otto } = await world();
    const refused = await h.press(OTTO, "dtok:t1:dl:100");
    expect(texts(refused)[0]).toContain("To download $CLEO, burn 10000000 $CLEO from a wallet that holds them");
    expect(buttons(refused)).toEqual([["🔥 Burn to download", "dtok:t1:burn:100"]]);
    tokens.grant("t1", otto.id);
    const granted = await h.press(OTTO, "dtok:t1:dl:100");
    expect(texts(granted)[0]).toContain("$CLEO</b>: 1 download links");
    expect(buttons(granted)).toEqual([["⬇️ Export 1", "https://forge.example/datasets/t1-1?sig=x"]]);
  });

  it("GIVEN a factory with a ready export and no token WHEN its owner launches from the Dataset view THEN name, symbol and share are asked and the launch's QR states its cost; others can't", async () => {
    const { h, tokens, cleo, factoryOwner } = await world();
    const factory = await h.s.factory(cleo, { name: "Data farm" });
    factoryOwner.set(factory.id, cleo.id);
    tokens.readyExports.add(factory.id);

    expect(buttons(await h.press(CLEO, `dataset:${factory.id}:view`))).toContainEqual([
      "🚀 Launch token",
      `dtlaunch:${factory.id}`,
    ]);
    expect(buttons(await h.press(OTTO, `dataset:${factory.id}:view`)).map(([l]) => l)).not.toContain("🚀 Launch token");
    expect(texts(await h.press(OTTO, `dtlaunch:${factory.id}`))[0]).toContain("Only the factory's owner can do that.");

    expect(texts(await h.press(CLEO, `dtlaunch:${factory.id}`))[0]).toContain("What is the token's name?");
    expect(texts(await h.send(CLEO, "x"))[0]).toContain("3 to 32 letters");
    expect(texts(await h.send(CLEO, "Cleo data"))[0]).toContain("Its symbol?");
    const share = await h.send(CLEO, "cleo");
    expect(buttons(share).slice(0, 4)).toEqual([
      ["0.5%", "dtshare:50"],
      ["1%", "dtshare:100"],
      ["2%", "dtshare:200"],
      ["5%", "dtshare:500"],
    ]);
    const launched = await h.press(CLEO, "dtshare:200");
    expect(tokens.launches).toEqual([
      { accountId: cleo.id, factoryId: factory.id, terms: { name: "Cleo data", symbol: "CLEO", burnBps: 200 } },
    ]);
    const said = caption(launched);
    expect(said).toContain("Launch $CLEO</b> (Cleo data): open this with the wallet you linked with /wallet");
    expect(said).toMatch(
      /It costs 0\.1 SOL and 1 CLONES, plus about \d+\.\d+ SOL, the price of the allocation, paid into the curve: 20000000 \$CLEO/,
    );
    expect(said).toContain("The token goes live once the launch lands on chain");

    // Launching: the view says so; live, it links to the token instead of offering a launch.
    const launching = texts(await h.press(CLEO, `dataset:${factory.id}:view`)).join("\n");
    expect(launching).toContain("Its token $CLEO is launching");
    const id = [...tokens.tokens.values()].find((t) => t.factoryId === factory.id)!.id;
    tokens.add({ ...tokens.tokens.get(id)!, status: "live" });
    const live = await h.press(CLEO, `dataset:${factory.id}:view`);
    expect(texts(live).join("\n")).toContain("Its token $CLEO is live.");
    expect(buttons(live)).toContainEqual(["🪙 $CLEO", `dtok:${id}:view:100`]);
    expect(buttons(live).map(([l]) => l)).not.toContain("🚀 Launch token");
  });

  it("GIVEN an admin WHEN they pick two tokens in /metadataset and name it THEN its launch is asked with both; others get the not-allowed reply", async () => {
    const { h, tokens } = await world({ admin: true });
    expect(texts(await h.send(OTTO, "/metadataset"))[0]).toContain("This command is for admins.");
    await h.send(ADA, "/start");
    const ada = must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(ADA) })).account;
    const menu = await h.send(ADA, "/metadataset");
    expect(buttons(menu)).toEqual([
      ["$CLEO", "mpick:1:pick"],
      ["$BOB", "mpick:2:pick"],
    ]);
    const one = await h.press(ADA, "mpick:1:pick");
    expect(buttons(one)).toEqual([
      ["✅ $CLEO", "mpick:0:pick"],
      ["$BOB", "mpick:3:pick"],
    ]);
    const two = await h.press(ADA, "mpick:3:pick");
    expect(texts(two)[0]).toContain("Picked (2): $CLEO, $BOB");
    expect(buttons(two).at(-1)).toEqual(["➡️ Continue", "mpick:3:go"]);
    expect(texts(await h.press(OTTO, "mpick:3:go"))[0]).toContain("This command is for admins.");
    expect(texts(await h.press(ADA, "mpick:3:go"))[0]).toContain("What is the token's name?");
    await h.send(ADA, "Clicks and browsing");
    await h.send(ADA, "META");
    const launched = await h.press(ADA, "dtshare:500");
    expect(tokens.launches).toEqual([
      {
        accountId: ada.id,
        factoryId: null,
        terms: { name: "Clicks and browsing", symbol: "META", burnBps: 500 },
        tokenIds: ["t1", "t2"],
      },
    ]);
    expect(caption(launched)).toContain(
      "Launch the meta-dataset $META</b> (Clicks and browsing), bundling $CLEO, $BOB",
    );
  });

  it("GIVEN an allocation to claim WHEN its creator opens /datasets and presses Claim THEN its request is shown", async () => {
    const { h, tokens, cleo } = await world();
    tokens.claim({
      accountId: cleo.id,
      metaId: "meta-9",
      symbol: "META",
      tokenId: "t1",
      allocation: 5_000_000n * 10n ** 6n,
    });
    expect(buttons(await h.send(OTTO, "/datasets")).map(([l]) => l)).not.toContain("🎁 Claim 5000000 $META");
    const list = await h.send(CLEO, "/datasets");
    expect(buttons(list)).toContainEqual(["🎁 Claim 5000000 $META", "dtclaim:meta-9:0"]);
    const claimed = await h.press(CLEO, "dtclaim:meta-9:0");
    expect(caption(claimed)).toContain("Claim 5000000 $META</b>: your share of the meta-dataset's allocation");
    expect(tokens.shown.at(-1)).toMatchObject({ kind: "claim", tokenId: "meta-9", memberId: "t1", accountId: cleo.id });
  });

  it("GIVEN volume fees WHEN the creator runs /earnings THEN the fees show in SOL; without tokens, no such line", async () => {
    const { h, tokens, cleo } = await world();
    tokens.fees.set(cleo.id, [{ tokenId: "t1", symbol: "CLEO", fees: 5_000_000n }]);
    const mine = texts(await h.send(CLEO, "/earnings")).join("\n");
    expect(mine).toContain("Volume fees of your dataset tokens</b>: 0.005 SOL");
    expect(mine).toContain("$CLEO: 0.005 SOL");
    expect(texts(await h.send(OTTO, "/earnings")).join("\n")).not.toContain("Volume fees");
  });

  it("GIVEN dataset tokens off WHEN a person runs /datasets THEN they are told which setting turns them on", async () => {
    const h = telegramHarness();
    await h.send(CLEO, "/start");
    expect(texts(await h.send(CLEO, "/datasets"))[0]).toBe(
      "Dataset tokens are off: the operator sets DATASET_TOKENS=on (with CURVE_SECRET_KEY on the server, DATASETS_SECRET, SOLANA_RPC_URL, TREASURY_ADDRESS and PUBLIC_URL).",
    );
    // The account's language is chosen at its first message.
    expect(texts(await h.send(OTTO, "/datasets", { lang: "es" }))[0]).toBe(
      "Los tokens de datasets están desactivados: el operador configura DATASET_TOKENS=on (con CURVE_SECRET_KEY en el servidor, DATASETS_SECRET, SOLANA_RPC_URL, TREASURY_ADDRESS y PUBLIC_URL).",
    );
  });
});
