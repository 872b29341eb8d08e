import type { DomainError } from "../../core/shared/errors.js";
import type { Translate } from "../i18n.js";
import type { View } from "./view.js";

/** A domain failure, in the person's language. */
export const errorView = (t: Translate, error: DomainError): View => ({ text: `⚠️ ${t(`error-${error.code}`)}` });
