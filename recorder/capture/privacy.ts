import { environmentError, userError } from "../cli/cli-error.js";
import type { FocusWatch } from "./focus-watch.js";
import { unknownFocusReader, type FocusCheck, type FocusReader, type FocusSource } from "./focus-reader.js";
import { loadSensitiveFile, sensitivePatterns, type SensitivePattern } from "./sensitive-windows.js";

// Blocking and sensitive-window masking both need to read the focused window. When it
// cannot be read, recording fails closed: it refuses to start unless the farmer accepts the
// risk, and then meta.json says what was not enforced.

export const ACCEPT_RISK_FLAG = "--allow-unenforced-privacy";

export interface PrivacyRequest {
  readonly block: readonly string[];
  readonly maskAll: boolean;
  readonly allowUnenforced: boolean;
}

export type PrivacyPlan =
  { ok: true; enforced: true } | { ok: true; enforced: false; warning: string } | { ok: false; message: string };

/** Whether a recording may start, given the start-up focus check. */
export function planPrivacy(check: FocusCheck, request: PrivacyRequest): PrivacyPlan {
  if (check.ok) return { ok: true, enforced: true };
  const blocking = request.block.length > 0;
  const cannot = `Cannot read the focused window: ${check.problem}.`;
  if (request.allowUnenforced || (!blocking && request.maskAll))
    return {
      ok: true,
      enforced: false,
      warning: [
        `${cannot} Recording anyway (${request.allowUnenforced ? ACCEPT_RISK_FLAG : "--mask-all"}):`,
        blocking ? ` --block is NOT enforced (${request.block.join(", ")} will be recorded);` : "",
        request.maskAll
          ? " every key is masked, but keys in password windows are not dropped (their count and timing remain)."
          : " keys typed in password and other sensitive windows are NOT masked.",
        " meta.json records this.",
      ].join(""),
    };
  const needs = blocking ? "--block needs it, and so does" : "It is needed for";
  return {
    ok: false,
    message:
      `${cannot} ${needs} masking keys typed in password and other sensitive windows, so recording ` +
      `did not start. To fix: ${check.fix}. To record anyway, unprotected, pass ${ACCEPT_RISK_FLAG}` +
      (blocking ? "." : " (or --mask-all to mask every key)."),
  };
}

export interface PrivacyOptions extends Omit<PrivacyRequest, "allowUnenforced"> {
  readonly sensitive: readonly SensitivePattern[];
  readonly allowUnenforcedPrivacy: boolean;
}

/** How a recording enforces privacy, for the session and meta.json. */
export interface PrivacySetup {
  readonly readFocus: FocusReader;
  /** Focus change notifications, where the platform has them. */
  readonly watchFocus: FocusWatch | null;
  readonly blocklist: readonly string[];
  readonly sensitive: readonly SensitivePattern[];
  readonly meta: { readonly enforced: boolean; readonly maskAll: boolean; readonly reason?: string };
  /** Said to the farmer before recording when something is not enforced. */
  readonly warning: string | null;
}

/**
 * Reads the user's sensitive-window patterns and reads focus once; throws a CliError (and
 * nothing is recorded) when the patterns are invalid or privacy cannot be enforced unasked.
 */
export async function preparePrivacy(
  options: PrivacyOptions,
  home: string,
  source: FocusSource,
): Promise<PrivacySetup> {
  const own = await loadSensitiveFile(home);
  if (!own.ok) throw userError(own.message);
  const sensitive = sensitivePatterns([...own.value, ...options.sensitive]);
  const check = await source.check();
  const plan = planPrivacy(check, { ...options, allowUnenforced: options.allowUnenforcedPrivacy });
  if (!plan.ok) throw environmentError(plan.message);
  if (plan.enforced)
    return {
      readFocus: source.read,
      watchFocus: source.watch ?? null,
      blocklist: options.block,
      sensitive,
      meta: { enforced: true, maskAll: options.maskAll },
      warning: null,
    };
  return {
    readFocus: unknownFocusReader,
    watchFocus: null,
    blocklist: [],
    sensitive,
    meta: { enforced: false, maskAll: options.maskAll, reason: check.ok ? undefined : check.problem },
    warning: plan.warning,
  };
}
