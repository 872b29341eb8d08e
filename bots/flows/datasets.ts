// The factory card's "📦 Dataset" view: what a new export would hold, the export being built
// (with its progress), and a download link for the last one ready; where dataset tokens are on,
// the factory's token (or, with an export ready, its 🚀 Launch button). Platform-neutral: the
// edges render the views and route the buttons (`dataset:<factoryId>:view|export`, `dtlaunch`).
import type { DatasetExport } from "../../core/datasets/dataset-export.js";
import type { Actor } from "../../core/factories/actor.js";
import { encodeAction } from "../views/actions.js";
import { errorView } from "../views/errors.js";
import { action, link, type Button, type View } from "../views/view.js";
import type { Translate } from "../i18n.js";
import { tokenAction } from "../views/dataset-tokens.js";
import type { DatasetTokensPort } from "./dataset-tokens-port.js";
import type { Person } from "./deps.js";
import { inPlace, type Step } from "./step.js";

import type { DatasetsPort } from "./datasets-port.js";

export type { DatasetsPort };

export type DatasetOp = "view" | "export";
/** The buttons' data ("dataset:<factoryId>:<op>"). */
export const datasetAction = (factoryId: string, op: DatasetOp): string =>
  encodeAction({ kind: "dataset", factoryId, op });

const actor = (person: Person): Actor => ({ accountId: person.account.id, isAdmin: person.isAdmin });
const megabytes = (bytes: number | null) => ((bytes ?? 0) / 1_048_576).toFixed(1);

function latestLines(person: Person, e: DatasetExport, port: DatasetsPort): { lines: string[]; buttons: Button[] } {
  const { t } = person;
  const args = { sequence: e.sequence, recordings: e.recordings };
  switch (e.status) {
    case "queued":
    case "building":
      return {
        lines: [t("dataset-building", { ...args, progress: e.progress })],
        buttons: [action(t("dataset-refresh"), datasetAction(e.factoryId, "view"))],
      };
    case "failed":
      return { lines: [t("dataset-failed", args)], buttons: [] };
    case "ready": {
      const url = port.link(e.id);
      const ready = t("dataset-ready", { ...args, steps: e.steps ?? 0, size: megabytes(e.sizeBytes) });
      return url
        ? { lines: [ready], buttons: [link(t("dataset-download", { sequence: e.sequence }), url)] }
        : { lines: [ready, t("dataset-no-link")], buttons: [] };
    }
  }
}

/** The factory's token (its symbol and a button to it), or the Launch button once an export is ready. */
async function tokenLines(
  tokens: DatasetTokensPort | undefined,
  person: Person,
  factoryId: string,
  ready: boolean,
): Promise<{ lines: string[]; buttons: Button[] }> {
  if (!tokens) return { lines: [], buttons: [] };
  const { t } = person;
  const found = await tokens.ofFactory(factoryId);
  if (found?.token.status === "live") {
    const symbol = found.token.symbol;
    return {
      lines: [t("dataset-token-live", { symbol })],
      buttons: [action(t("dataset-token-open", { symbol }), tokenAction(found.token.id, "view"))],
    };
  }
  const launching = found ? [t("dataset-token-launching", { symbol: found.token.symbol })] : [];
  return ready
    ? {
        lines: launching,
        buttons: [action(t("dataset-token-launch"), encodeAction({ kind: "dtlaunch", factoryId }))],
      }
    : { lines: launching, buttons: [] };
}

/** The Dataset view of a factory, for its owner or an admin. */
export async function datasetView(
  port: DatasetsPort,
  person: Person,
  factoryId: string,
  tokens?: DatasetTokensPort,
): Promise<View> {
  const overview = await port.getDatasetOverview({ actor: actor(person), factoryId });
  if (!overview.ok) return errorView(person.t, overview.error);
  const { latest, newRecordings } = overview.value;
  const { t } = person;
  const shown = latest ? latestLines(person, latest, port) : { lines: [], buttons: [] };
  const busy = latest?.status === "queued" || latest?.status === "building";
  const lines = [t("dataset-title"), t("dataset-format"), ...shown.lines];
  if (!busy) lines.push(newRecordings > 0 ? t("dataset-new", { count: newRecordings }) : t("dataset-nothing-new"));
  const exportButton =
    !busy && newRecordings > 0
      ? [action(t("dataset-export", { count: newRecordings }), datasetAction(factoryId, "export"))]
      : [];
  const token = await tokenLines(tokens, person, factoryId, latest?.status === "ready");
  lines.push(...token.lines);
  const buttons = [...shown.buttons, ...exportButton, ...token.buttons].map((b) => [b]);
  return { text: lines.join("\n\n"), buttons };
}

/** The Export button: asks for an export (or finds the one being built) and shows the view again. */
export async function requestExport(
  port: DatasetsPort,
  person: Person,
  factoryId: string,
  tokens?: DatasetTokensPort,
): Promise<Step> {
  const asked = await port.requestDatasetExport({ actor: actor(person), factoryId });
  if (!asked.ok)
    return {
      notice: errorView(person.t, asked.error).text,
      show: [inPlace(await datasetView(port, person, factoryId, tokens))],
    };
  const { export: e, created } = asked.value;
  const notice = person.t(created ? "dataset-started" : "dataset-already", {
    sequence: e.sequence,
    recordings: e.recordings,
  });
  return { notice, show: [inPlace(await datasetView(port, person, factoryId, tokens))] };
}

/**
 * A pressed dataset button (the card's "📦 Dataset", Export, Refresh): the view in place of the
 * card, or, where exports are off, which setting turns them on.
 */
export async function datasetStep(
  port: DatasetsPort | undefined,
  person: Person,
  factoryId: string,
  op: DatasetOp,
  tokens?: DatasetTokensPort,
): Promise<Step> {
  if (!port) return { notice: person.t("dataset-off"), show: [] };
  if (op === "export") return requestExport(port, person, factoryId, tokens);
  return { show: [inPlace(await datasetView(port, person, factoryId, tokens))] };
}

/**
 * The DM once an export is built (its size and download link, or why there is no link) or given
 * up (its recordings go in the next one). Sent once per export (the outbox drops a repeated id).
 */
export function exportNotice(e: DatasetExport, url: string | null) {
  return (t: Translate): View => {
    const args = { sequence: e.sequence, recordings: e.recordings };
    if (e.status !== "ready") return { text: t("dataset-failed", args) };
    const ready = t("dataset-ready", { ...args, steps: e.steps ?? 0, size: megabytes(e.sizeBytes) });
    return url
      ? { text: ready, buttons: [[link(t("dataset-download", { sequence: e.sequence }), url)]] }
      : { text: `${ready}\n${t("dataset-no-link")}` };
  };
}
