// Sends a view's picture in Telegram. The first time, the PNG is uploaded and the file_id Telegram
// gives it is kept (in Postgres, for every bot process) under the picture's content key; an
// unchanged chart is then sent by that file_id, a small request instead of an upload. A file_id
// Telegram no longer accepts is forgotten and the picture uploaded once more.
import { GrammyError, InputFile, type Context } from "grammy";
import type { BotLogger, PhotoCache } from "../flows/deps.js";
import type { ViewImage } from "../views/view.js";

export type PhotoOptions = Parameters<Context["replyWithPhoto"]>[1];
type PhotoMessage = Awaited<ReturnType<Context["replyWithPhoto"]>>;

export interface PhotoDeps {
  readonly photoCache?: PhotoCache;
  readonly logger?: BotLogger;
}

/** Telegram's answer to a file_id it will not send (unknown, another bot's, expired, not a photo). */
export const refusesFile = (error: unknown): boolean =>
  error instanceof GrammyError && error.error_code === 400 && /file|photo|identifier/i.test(error.description);

/** A file_id belongs to the bot that uploaded the file: the key names the bot. */
const cacheKey = (ctx: Context, image: ViewImage) => `telegram:${ctx.me.id}:${image.key}`;

/** The largest size's file_id (Telegram lists a photo's sizes, smallest first). */
const largest = (message: PhotoMessage): string | undefined =>
  message.photo.reduce<(typeof message.photo)[number] | undefined>(
    (best, size) => (!best || size.width * size.height > best.width * best.height ? size : best),
    undefined,
  )?.file_id;

/** The cache is a shortcut: when it fails, the picture is uploaded as if it were not there. */
async function quietly<T>(deps: PhotoDeps, what: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    deps.logger?.warn({ err: error }, what);
    return undefined;
  }
}

/** Sends `image` to the chat, by its cached file_id when there is one, else uploaded (and cached). */
export async function replyWithImage(
  ctx: Context,
  image: ViewImage,
  other: PhotoOptions,
  deps: PhotoDeps = {},
): Promise<PhotoMessage> {
  const cache = deps.photoCache;
  const key = cacheKey(ctx, image);
  const cached = cache && (await quietly(deps, "photo cache unreadable", () => cache.get(key)));
  if (cache && cached) {
    try {
      return await ctx.replyWithPhoto(cached, other);
    } catch (error) {
      if (!refusesFile(error)) throw error;
      await quietly(deps, "photo cache: a refused file_id stays", () => cache.delete(key));
    }
  }
  const sent = await ctx.replyWithPhoto(new InputFile(image.png, image.name), other);
  const fileId = largest(sent);
  if (cache && fileId) await quietly(deps, "photo cache: a file_id was not kept", () => cache.put(key, fileId));
  return sent;
}
