import { NOT_VISIBLE } from "../../core/shared/display-text.js";
import type { DomainError } from "../../core/shared/errors.js";
import type { Translate } from "../i18n.js";
import type { View } from "./view.js";

const issues = (error: DomainError) =>
  Array.isArray(error.context.issues) ? (error.context.issues as { message?: unknown }[]) : [];

/** A domain failure as a sentence in the person's language (a text with nothing visible says so). */
export function errorText(t: Translate, error: DomainError): string {
  if (error.code === "INVALID_INPUT" && issues(error).some((i) => i.message === NOT_VISIBLE))
    return t("error-text-not-visible");
  return t(`error-${error.code}`);
}

/** A domain failure, in the person's language. */
export const errorView = (t: Translate, error: DomainError): View => ({ text: `⚠️ ${errorText(t, error)}` });
