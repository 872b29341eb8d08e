// The Telegram driver: each step is an update through the harness (grammY's handleUpdate with
// the Bot API faked); buttons are found by their label in the last inline keyboard the person got.
import { postgresPairingCodes } from "../../../app/pairing.js";
import type { TelegramBotDeps } from "../../../bots/telegram/context.js";
import type { Database } from "../../../prisma/database.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { must } from "../scenario.js";
import { buttons, telegramHarness, texts, type ApiCall } from "../telegram-harness.js";
import { telegramVisibleText } from "../telegram-html.js";
import { pickButton, type Driver, type Who } from "./driver.js";

const IDS: Record<Who, number> = { ambassador: 2001, farmer: 3001, creator: 1001 };

export function telegramDriver(db: Database, options: { recorderServer: string }): Driver {
  const h = telegramHarness({ uow: prismaUnitOfWork(db.prisma, { query: db.query }), ...options });
  // The harness's pairing is a fake; the scenario redeems codes as the recorder would.
  const pairing = postgresPairingCodes(db);
  (h.deps as { pairing: TelegramBotDeps["pairing"] }).pairing = pairing;
  const last = new Map<Who, ApiCall[]>();

  const shown = (who: Who, calls: ApiCall[]): string => {
    if (h.errors.length) throw new Error(`the Telegram bot failed: ${JSON.stringify(h.errors)}`);
    if (texts(calls).length) last.set(who, calls);
    return driver.lastText(who);
  };
  const username = (who: Who) => `user${IDS[who]}`;

  const driver: Driver = {
    platform: "telegram",
    s: h.s,
    db,
    redeemPairing: (code) => pairing.redeem(code),
    start: async (who, referralCode) =>
      shown(
        who,
        await h.send(IDS[who], referralCode ? `/start ref-${referralCode}` : "/start", { username: username(who) }),
      ),
    command: async (who, name, args) =>
      shown(who, await h.send(IDS[who], args ? `/${name} ${args}` : `/${name}`, { username: username(who) })),
    async createFactory(who, a) {
      await driver.command(who, "newfactory");
      for (const typed of [a.name, a.useCase, a.tasks]) shown(who, await h.send(IDS[who], typed));
      await driver.press(who, new RegExp(`^${a.token}\\b`));
      for (const typed of [a.reward, a.threshold, a.limits]) shown(who, await h.send(IDS[who], typed));
      return driver.press(who, /Create/);
    },
    async press(who, label) {
      const [, data] = pickButton(buttons(last.get(who) ?? []), ([l]) => l, label);
      if (/^https?:/.test(data)) throw new Error(`the button ${String(label)} is a link (${data}), not an action`);
      return shown(who, await h.press(IDS[who], data));
    },
    lastText: (who) => telegramVisibleText(texts(last.get(who) ?? []).at(-1) ?? ""),
    buttons: (who) => buttons(last.get(who) ?? []).map(([l]) => l),
    account: async (who) =>
      must(await h.s.core.registerAccount({ platform: "telegram", externalId: String(IDS[who]) })).account,
    close: () => db.close(),
  };
  return driver;
}
