// Farmers browse live factories, open one and pick a task: the task's recorder instructions
// carry a one-time pairing code. Platform-neutral: each step takes the person and what they
// chose, and returns the view to show and what the chat should remember.
import { errorView } from "../views/errors.js";
import { BROWSE_PAGE_SIZE, browseView, factoryTasksView, submitInstructionsView } from "../views/farmer.js";
import type { View } from "../views/view.js";
import type { BotDeps, Person } from "./deps.js";

/** The task a farmer picked last: a recording sent to the chat is for it. */
export interface PendingTask {
  readonly factoryId: string;
  readonly taskId: string;
  readonly title: string;
}

const problem = (person: Person, code: string): View => ({ text: `⚠️ ${person.t(`error-${code}`)}` });

/** A page of live factories; a page past the end shows the last one. Remember `page` for "back". */
export async function browsePage(
  deps: Pick<BotDeps, "core" | "tokens">,
  person: Person,
  page: number,
): Promise<{ view: View; page: number }> {
  const result = await deps.core.browseFactories({ offset: page * BROWSE_PAGE_SIZE, limit: BROWSE_PAGE_SIZE });
  const last = Math.max(0, Math.ceil(result.total / BROWSE_PAGE_SIZE) - 1);
  if (page > last && result.total > 0) return browsePage(deps, person, last);
  return { view: browseView({ t: person.t, tokens: deps.tokens }, page, result), page };
}

/** A view, or why the step was refused (shown as a new message, not in place of the list). */
export type Shown = { readonly ok: true; readonly view: View } | { readonly ok: false; readonly view: View };

/** A factory's tasks, if it still takes recordings (a button from an older list may be stale). */
export async function openFactory(
  deps: Pick<BotDeps, "core" | "tokens">,
  person: Person,
  factoryId: string,
): Promise<Shown> {
  const overview = await deps.core.getFactoryOverview(factoryId);
  if (!overview.ok) return { ok: false, view: errorView(person.t, overview.error) };
  const { factory, available } = overview.value;
  if (factory.status !== "active") return { ok: false, view: problem(person, "FACTORY_NOT_LIVE") };
  if (available < factory.rewardPerDemo) return { ok: false, view: problem(person, "POOL_EXHAUSTED") };
  return { ok: true, view: factoryTasksView({ t: person.t, tokens: deps.tokens }, factory) };
}

export type TaskPick =
  | { readonly ok: true; readonly view: View; readonly pending: PendingTask; readonly code: string }
  | { readonly ok: false; readonly view: View };

/** What the platform's chat can do that the instructions mention. */
export interface ChatAbilities {
  /** A recording's zip sent to the chat is taken (Telegram); Discord takes recordings only from the recorder. */
  readonly acceptsFiles: boolean;
}

/**
 * The recorder instructions for a task, with a fresh pairing code. When the view cannot be
 * delivered, the edge voids the code (`deps.pairing.revoke`): the failed request holds it.
 */
export async function pickTask(
  deps: Pick<BotDeps, "core" | "pairing" | "recorderServer" | "recorderInstall">,
  person: Person,
  factoryId: string,
  taskIndex: number,
  chat: ChatAbilities,
): Promise<TaskPick> {
  const overview = await deps.core.getFactoryOverview(factoryId);
  if (!overview.ok) return { ok: false, view: errorView(person.t, overview.error) };
  const factory = overview.value.factory;
  const task = factory.tasks[taskIndex];
  if (factory.status !== "active") return { ok: false, view: problem(person, "FACTORY_NOT_LIVE") };
  if (!task) return { ok: false, view: problem(person, "TASK_NOT_FOUND") };
  if (overview.value.available < factory.rewardPerDemo) return { ok: false, view: problem(person, "POOL_EXHAUSTED") };
  const code = await deps.pairing.issue({ accountId: person.account.id, factoryId: factory.id, taskId: task.id });
  const view = submitInstructionsView(person.t, factory, task, code, {
    server: deps.recorderServer,
    install: deps.recorderInstall,
    acceptsFiles: chat.acceptsFiles,
  });
  return { ok: true, view, code, pending: { factoryId: factory.id, taskId: task.id, title: task.title } };
}
