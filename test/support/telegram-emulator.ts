// A real bot process against telegram-test-api (a Bot API emulator on loopback), driven as
// people would: commands, messages, button presses; replies read from the emulator.
import { spawn, type ChildProcess } from "node:child_process";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { freePort } from "../../app/local-redis.js";

export const E2E_TOKEN = "123456789:AAE2eTestTokenForTheEmulator_abcdef";

export async function startEmulator() {
  const port = await freePort();
  const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 600 });
  await server.start();
  return { server, apiRoot: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}

export interface BotProcess {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `app/main.ts --role bot` pointed at the emulator and waits until it is ready. */
export async function startBotProcess(env: Record<string, string>, roles = "bot"): Promise<BotProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", "--role", roles], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ENV_FILE: "",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      TELEGRAM_BOT_TOKEN: E2E_TOKEN,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!out.includes("Ready.")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`bot did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    output: () => out,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

interface BotMessage {
  messageId: number;
  text: string;
  buttons: Array<[string, string]>;
}

/** One person talking to the bot in a private chat. */
export class Person {
  private readonly client;
  /** The last text seen of each bot message: edits show up as changed texts. */
  private readonly known = new Map<number, string>();
  readonly transcript: string[];

  constructor(
    server: TelegramServer,
    readonly userId: number,
    readonly name: string,
    transcript: string[],
  ) {
    this.client = server.getClient(E2E_TOKEN, {
      userId,
      chatId: userId,
      firstName: name,
      userName: name.toLowerCase(),
      timeout: 10_000,
    });
    this.transcript = transcript;
  }

  async send(text: string): Promise<BotMessage[]> {
    this.transcript.push(`${this.name}: ${text}`);
    if (text.startsWith("/")) await this.client.sendCommand(this.client.makeCommand(text));
    else await this.client.sendMessage(this.client.makeMessage(text));
    return this.replies();
  }

  async press(label: string, on: BotMessage): Promise<BotMessage[]> {
    const button = on.buttons.find(([l]) => l.includes(label));
    if (!button) throw new Error(`no button "${label}" in: ${on.buttons.map(([l]) => l).join(" | ")}`);
    this.transcript.push(`${this.name}: [${button[0]}]`);
    await this.client.sendCallback(
      this.client.makeCallbackQuery(button[1], { message: { message_id: on.messageId } } as never),
    );
    return this.replies();
  }

  /** Waits for new messages or edits from the bot in this chat, until it has been quiet 300 ms. */
  async replies(minimum = 1, timeoutMs = 15_000): Promise<BotMessage[]> {
    const deadline = Date.now() + timeoutMs;
    let found: BotMessage[] = [];
    let lastChange = Date.now();
    while (Date.now() < deadline) {
      const fresh = await this.changes();
      if (fresh.length !== found.length || fresh.some((m, i) => m.text !== found[i]?.text)) {
        found = fresh;
        lastChange = Date.now();
      }
      if (found.length >= minimum && Date.now() - lastChange > 300) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (found.length < minimum) throw new Error(`${this.name}: no reply from the bot`);
    for (const m of found) {
      const edited = this.known.has(m.messageId);
      this.known.set(m.messageId, m.text);
      const keys = m.buttons.length ? `\n   buttons: ${m.buttons.map(([l]) => `[${l}]`).join(" ")}` : "";
      this.transcript.push(`Bot → ${this.name}${edited ? " (edits the message)" : ""}: ${m.text}${keys}`);
    }
    return found;
  }

  /**
   * Reads replies until each text has been seen in one of them, in any order: notifications
   * and edits of one chat are delivered in whatever order the outbox's rate limits allow.
   */
  async waitForAll(texts: readonly string[], timeoutMs = 20_000): Promise<BotMessage[]> {
    const deadline = Date.now() + timeoutMs;
    const seen = new Map<string, BotMessage>();
    while (Date.now() < deadline && seen.size < texts.length) {
      const found = await this.replies(1, Math.max(1, deadline - Date.now())).catch(() => []);
      for (const text of texts) {
        const m = found.find((f) => f.text.includes(text));
        if (m && !seen.has(text)) seen.set(text, m);
      }
    }
    const missing = texts.filter((t) => !seen.has(t));
    if (missing.length > 0) throw new Error(`${this.name}: no message containing "${missing.join('", "')}"`);
    return texts.map((t) => seen.get(t)!);
  }

  /** Reads replies until one contains `text` (notifications arrive from another process). */
  async waitFor(text: string, timeoutMs = 20_000): Promise<BotMessage> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = (await this.replies(1, Math.max(1, deadline - Date.now())).catch(() => [])).find((m) =>
        m.text.includes(text),
      );
      if (found) return found;
    }
    throw new Error(`${this.name}: no message containing "${text}"`);
  }

  private async changes(): Promise<BotMessage[]> {
    return (await this.fromBot()).filter((m) => this.known.get(m.messageId) !== m.text);
  }

  private async fromBot(): Promise<BotMessage[]> {
    const history = (await this.client.getUpdatesHistory()) as Array<{
      messageId: number;
      message?: Record<string, unknown>;
    }>;
    return history
      .filter((u) => u.message && u.message.chat_id === this.userId && typeof u.message.text === "string")
      .map((u) => {
        const markup = u.message!.reply_markup as
          { inline_keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string }>> } | undefined;
        return {
          messageId: u.messageId,
          // As Telegram shows HTML text: bold as our **, entities decoded.
          text: String(u.message!.text)
            .replace(/<\/?b>/g, "**")
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&amp;/g, "&"),
          buttons: (markup?.inline_keyboard ?? [])
            .flat()
            .map((b) => [b.text, b.callback_data ?? b.url ?? ""] as [string, string]),
        };
      });
  }
}
