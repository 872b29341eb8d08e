// Drives the Telegram bot offline: updates go in through bot.handleUpdate, every Bot API call
// is captured by a transformer and answered with a plausible result.
import type { Bot } from "grammy";
import { createBot } from "../../bots/telegram/create-bot.js";
import type { KeyValueStore, TelegramBotDeps, BotContext } from "../../bots/telegram/context.js";
import type { WizardState } from "../../bots/flows/wizard.js";
import { createI18n } from "../../bots/i18n.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import type { SupplySource } from "../../core/ports/runtime.js";
import { MemoryStore } from "./memory-store.js";
import { memoryNotifier } from "./memory-notifier.js";
import { scenario } from "./scenario.js";
import { walletChallenges, type WalletChallenge } from "../../app/wallet-challenges.js";

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export function memoryKeyValue<T>(): KeyValueStore<T> & {
  data: Map<string, T>;
  take(key: string): Promise<T | undefined>;
} {
  const data = new Map<string, T>();
  return {
    data,
    read: async (key) => (data.has(key) ? structuredClone(data.get(key)) : undefined),
    write: async (key, value) => void data.set(key, structuredClone(value)),
    delete: async (key) => void data.delete(key),
    take: async (key) => {
      const value = data.get(key);
      data.delete(key);
      return value;
    },
  };
}

export const BOT_INFO = {
  id: 1000,
  is_bot: true as const,
  first_name: "Forge",
  username: "forge_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export function telegramHarness(
  options: {
    uow?: UnitOfWork;
    adminIds?: string[];
    sessions?: KeyValueStore<never>;
    wizards?: KeyValueStore<WizardState>;
    payments?: TelegramBotDeps["payments"];
    recordings?: TelegramBotDeps["recordings"];
    datasets?: TelegramBotDeps["datasets"];
    datasetTokens?: TelegramBotDeps["datasetTokens"];
    /** Wallet linking by signed challenge, with the real verifier and a memory store. */
    walletProof?: boolean;
    recorderServer?: string;
    recorderInstall?: string;
    /** The CLONES supply tiers are measured against (default: TEST_SUPPLY, from the setting). */
    supply?: SupplySource;
  } = {},
) {
  const s = scenario(options.uow ?? new MemoryStore(), options.supply ? { supply: options.supply } : {});
  const calls: ApiCall[] = [];
  const codes: Array<{ accountId: string; factoryId: string; taskId: string; code: string }> = [];
  const notices = memoryNotifier();
  const deps: TelegramBotDeps = {
    datasets: options.datasets,
    datasetTokens: options.datasetTokens,
    core: s.core,
    tokens: s.deps.tokens,
    i18n: createI18n(),
    adminIds: new Set(options.adminIds ?? []),
    sessions: options.sessions ?? memoryKeyValue(),
    wizards: options.wizards ?? memoryKeyValue(),
    pairing: {
      issue: async (input) => {
        const code = `PAIR${codes.length + 1}`;
        codes.push({ ...input, code });
        return code;
      },
      revoke: async (code) => {
        const at = codes.findIndex((c) => c.code === code);
        if (at >= 0) codes.splice(at, 1);
      },
    },
    logger: { info: () => undefined, warn: () => undefined, error: (obj) => errors.push(obj) },
    payments: options.payments,
    recordings: options.recordings,
    recorderServer: options.recorderServer,
    recorderInstall: options.recorderInstall,
    walletProof: options.walletProof ? walletChallenges(s.core, memoryKeyValue<WalletChallenge>()) : undefined,
    explorer: (signature) => `https://explorer.solana.com/tx/${signature}`,
    notifier: notices.notifier,
  };
  const errors: object[] = [];
  const blocked = new Set<number>();
  let messageId = 100;
  // A fake fetch answering every Bot API call, recording it.
  const fakeFetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = String(url).split("/").pop()!;
    // Uploads (sendPhoto with a file) are multipart streams: their text fields are recorded.
    const payload: Record<string, unknown> =
      typeof init?.body === "string"
        ? (JSON.parse(init.body) as Record<string, unknown>)
        : init?.body
          ? { multipart: true, ...multipartFields(await new Response(init.body).text()) }
          : {};
    calls.push({ method, payload });
    const chatId = payload.chat_id as number | undefined;
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    if (method === "sendMessage" && chatId !== undefined && blocked.has(chatId))
      return json({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    if (method === "sendMessage" || method === "editMessageText" || method === "sendPhoto")
      return json({
        ok: true,
        result: { message_id: ++messageId, date: 0, chat: { id: chatId ?? 0, type: "private" }, text: payload.text },
      });
    return json({ ok: true, result: true });
  };
  const bot: Bot<BotContext> = createBot("123456:TEST-TOKEN-abcdefghijklmnopq", deps, {
    botInfo: BOT_INFO,
    client: { fetch: fakeFetch as typeof fetch },
  });

  let updateId = 1;
  const from = (userId: number, languageCode = "en", username?: string) => ({
    id: userId,
    is_bot: false,
    first_name: username ?? `User${userId}`,
    username: username ?? `user${userId}`,
    language_code: languageCode,
  });
  const chat = (userId: number, type: "private" | "group") =>
    type === "private" ? { id: userId, type, first_name: `User${userId}` } : { id: -5000, type, title: "Community" };

  async function send(
    userId: number,
    text: string,
    opts: { chat?: "private" | "group"; lang?: string; username?: string } = {},
  ) {
    const before = calls.length;
    const command = text.match(/^\/\S+/)?.[0];
    await bot.handleUpdate({
      update_id: updateId++,
      message: {
        message_id: ++messageId,
        date: Math.floor(Date.now() / 1000),
        chat: chat(userId, opts.chat ?? "private"),
        from: from(userId, opts.lang, opts.username),
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      },
    } as never);
    return calls.slice(before);
  }

  async function sendDocument(userId: number, document: { file_name: string; mime_type?: string; file_size: number }) {
    const before = calls.length;
    await bot.handleUpdate({
      update_id: updateId++,
      message: {
        message_id: ++messageId,
        date: 0,
        chat: chat(userId, "private"),
        from: from(userId),
        document: { file_id: `file-${messageId}`, file_unique_id: `u-${messageId}`, ...document },
      },
    } as never);
    return calls.slice(before);
  }

  async function press(userId: number, data: string, opts: { lang?: string } = {}) {
    const before = calls.length;
    await bot.handleUpdate({
      update_id: updateId++,
      callback_query: {
        id: String(updateId),
        from: from(userId, opts.lang),
        chat_instance: "ci",
        data,
        message: { message_id: 50, date: 0, chat: chat(userId, "private"), text: "previous" },
      },
    } as never);
    return calls.slice(before);
  }

  return { bot, deps, s, calls, codes, errors, blocked, send, press, sendDocument, notices };
}

/** A multipart body's text fields (a file's part is left out); reply_markup parsed as JSON. */
function multipartFields(body: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const part of body.split(/\r?\n?-{6,}\w+(?:--)?\r?\n?/)) {
    const match = part.match(
      /^content-disposition:\s*form-data;\s*name="([^"]+)"(;\s*filename=[^\r\n]*)?\r?\n(?:[^\r\n]+\r?\n)*?\r?\n?([\s\S]*)$/i,
    );
    if (!match || match[2]) continue;
    const [, name, , value] = match;
    fields[name!] = name === "reply_markup" ? JSON.parse(value!) : value;
  }
  return fields;
}

/** The text of the messages sent or edited, in order (a photo's: its caption). */
export const texts = (calls: readonly ApiCall[]) =>
  calls
    .filter((c) => c.method === "sendMessage" || c.method === "editMessageText" || c.method === "sendPhoto")
    .map((c) => String(c.method === "sendPhoto" ? c.payload.caption : c.payload.text));

/** Every button of the last message with a keyboard: [label, callback data or url]. */
export function buttons(calls: readonly ApiCall[]): Array<[string, string]> {
  const withKeyboard = [...calls]
    .reverse()
    .find((c) => (c.payload.reply_markup as { inline_keyboard?: unknown })?.inline_keyboard);
  const rows =
    (
      withKeyboard?.payload.reply_markup as {
        inline_keyboard: Array<Array<{ text: string; callback_data?: string; url?: string }>>;
      }
    )?.inline_keyboard ?? [];
  return rows.flat().map((b) => [b.text, b.callback_data ?? b.url ?? ""]);
}
