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
  readonly logger: BotLogger;
}

/** Telegram's answer to a file_id it will not send (unknown, another bot's, expired, not a photo). */
export const refusesFile = (error: unknown): boolean =>
  error instanceof GrammyError && error.error_code === 400 && /file|photo|identifier/i.test(error.description);

/** A file_id belongs to the bot that uploaded the file: the key names the bot. */
const cacheKey = (ctx: Context, image: ViewImage) => `telegram:${ctx.me.id}:${image.key}`;

/**
 * The largest size's file_id (Telegram lists a photo's sizes, smallest first); none when the
 * answer lists no sizes (a Bot API server that answers oddly: nothing is cached, nothing fails).
 */
const largest = (message: PhotoMessage): string | undefined =>
  (Array.isArray(message.photo) ? message.photo : []).reduce<(typeof message.photo)[number] | undefined>(
    (best, size) => (!best || size.width * size.height > best.width * best.height ? size : best),
    undefined,
  )?.file_id;

/** The cache is a shortcut: when it fails, the picture is uploaded as if it were not there. */
async function quietly<T>(work: () => Promise<T>, failed: (error: unknown) => void): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    failed(error);
    return undefined;
  }
}

/** Sends `image` to the chat, by its cached file_id when there is one, else uploaded (and cached). */
export async function replyWithImage(
  ctx: Context,
  image: ViewImage,
  other: PhotoOptions,
  deps?: PhotoDeps,
): Promise<PhotoMessage> {
  const cache = deps?.photoCache;
  const key = cacheKey(ctx, image);
  const cached =
    cache &&
    (await quietly(
      () => cache.get(key),
      (err) => deps.logger.warn({ err, key }, "photo cache unreadable"),
    ));
  if (cache && cached) {
    try {
      return await ctx.replyWithPhoto(cached, other);
    } catch (error) {
      if (!refusesFile(error)) throw error;
      await quietly(
        () => cache.delete(key),
        (err) => deps.logger.warn({ err, key }, "photo cache: a refused file_id could not be forgotten"),
      );
    }
  }
  const sent = await ctx.replyWithPhoto(new InputFile(image.png, image.name), other);
  const fileId = largest(sent);
  if (cache && fileId)
    await quietly(
      () => cache.put(key, fileId),
      (err) => deps.logger.warn({ err, key }, "photo cache: a file_id was not kept"),
    );
  return sent;
}
