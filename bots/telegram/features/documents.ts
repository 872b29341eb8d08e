import { Composer } from "grammy";
import { canAppeal } from "../../../core/grading/recording.js";
import { decodeAction } from "../../views/actions.js";
import { loadGradeNotice } from "../../notices/grade-notice.js";
import { gradeNotice } from "../../views/grade.js";
import { action, label } from "../../views/view.js";
import type { BotContext } from "../context.js";

const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** A recording's zip sent to the bot is for the task the farmer last picked. */
export const documentsFeature = new Composer<BotContext>();

documentsFeature.chatType("private").on("message:document", async (ctx) => {
  const doc = ctx.msg.document;
  const session = await ctx.session;
  const task = session.pendingTask;
  if (!task) return ctx.reply(ctx.t("doc-pick-task-first"));
  const name = doc.file_name ?? "recording.zip";
  if (!/\.zip$/i.test(name) || (doc.mime_type && !/zip|octet-stream/.test(doc.mime_type)))
    return ctx.reply(ctx.t("doc-not-zip"));
  const limit = ctx.deps.documentLimitBytes ?? TELEGRAM_DOWNLOAD_LIMIT;
  if ((doc.file_size ?? 0) > limit)
    return ctx.reply(ctx.t("doc-too-large", { limit: Math.floor(limit / 1024 / 1024) }));
  if (!ctx.deps.recordings) return ctx.reply(ctx.t("doc-not-enabled"));
  const working = await ctx.reply(ctx.t("doc-checking", { name: label(name) }));
  const result = await ctx.deps.recordings.fromChat({
    accountId: ctx.account.id,
    factoryId: task.factoryId,
    taskId: task.taskId,
    fileId: doc.file_id,
    fileName: name,
    size: doc.file_size ?? 0,
  });
  const text = result.ok
    ? ctx.t("doc-received", { name: label(name), task: label(task.title) })
    : `⚠️ ${ctx.t("doc-rejected", { reason: knownError(ctx, result.code) ?? result.message })}`;
  await ctx.api.editMessageText(working.chat.id, working.message_id, text).catch(() => ctx.reply(text));
});

/** A core error code has a localized message; archive codes come with the server's own text. */
const knownError = (ctx: BotContext, code: string): string | null => {
  const text = ctx.t(`error-${code}`);
  return text.startsWith("error-") ? null : text;
};

documentsFeature.callbackQuery(/^appeal:[\w-]{1,128}$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.deps.recordings) return ctx.reply(ctx.t("doc-not-enabled"));
  const recordingId = ctx.callbackQuery.data.slice("appeal:".length);
  const result = await ctx.deps.recordings.appeal(ctx.account.id, recordingId);
  await ctx.reply(result.ok ? ctx.t("grade-appeal-queued") : `⚠️ ${ctx.t(`error-${result.code}`)}`);
});

/** A recording's grade again, from /history: breakdown, reasons, and the Appeal button if unused. */
documentsFeature.callbackQuery(/^grade:/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const pressed = decodeAction(ctx.callbackQuery.data);
  if (pressed?.kind !== "grade") return;
  const recording = await ctx.deps.core.getRecording(pressed.recordingId);
  if (!recording || recording.accountId !== ctx.account.id)
    return ctx.reply(`⚠️ ${ctx.t("error-RECORDING_NOT_FOUND")}`);
  if (!recording.grade) return ctx.reply(ctx.t("grade-pending"));
  const loaded = await loadGradeNotice(ctx.deps.core, ctx.deps.explorer, recording.id);
  if (!loaded) return ctx.reply(`⚠️ ${ctx.t("error-FACTORY_NOT_FOUND")}`);
  const text = gradeNotice(ctx.t, ctx.deps.tokens, loaded.input);
  await ctx.render({
    text,
    buttons: canAppeal(recording) ? [[action(ctx.t("grade-appeal"), `appeal:${recording.id}`)]] : [],
  });
});
