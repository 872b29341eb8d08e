import type { Context } from "../cli/context.js";
import { environmentError } from "../cli/cli-error.js";
import { loadConfig, saveConfig } from "../home/forge-home.js";
import { ForgeApi } from "../upload/api-client.js";

type Outcome = { kind: "revoked" } | { kind: "unknown" } | { kind: "failed"; why: string; cause?: unknown };

/** Asks the server to revoke the token; what it answered, or why it could not be asked. */
async function revokeOnServer(ctx: Context, server: string, token: string): Promise<Outcome> {
  try {
    const response = await new ForgeApi(server, ctx.fetch).send("POST", "api/recorder/logout", {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.body?.cancel();
    if (response.ok) return { kind: "revoked" };
    // 401: a token the server does not know (another server's, or from a reset database).
    if (response.status === 401) return { kind: "unknown" };
    return { kind: "failed", why: `${server} answered ${response.status} instead of revoking it` };
  } catch (error) {
    return { kind: "failed", why: `${server} could not be reached to revoke it`, cause: error };
  }
}

/**
 * `forge logout`: the server revokes this recorder's device token, then the token and the
 * granted task are removed from config.json whatever the server said. Each outcome is told as it
 * is: a token the server was not told about still works there until it is revoked in the bot.
 */
export async function logout(ctx: Context): Promise<void> {
  const config = await loadConfig(ctx.home);
  if (!config?.deviceToken) return ctx.io.out("This recorder is not paired: nothing to sign out of.");
  const outcome = await revokeOnServer(ctx, config.server, config.deviceToken);
  await saveConfig(ctx.home, { server: config.server });
  if (outcome.kind === "revoked")
    return ctx.io.out(
      `Signed out: ${config.server} revoked this recorder's token, and it was removed from this machine.`,
    );
  if (outcome.kind === "unknown")
    return ctx.io.out(`Signed out: ${config.server} did not know this token, and it was removed from this machine.`);
  throw environmentError(
    `the token was removed from this machine, but ${outcome.why}, so a copy of it would still work there: revoke this recorder in the bot with /devices.`,
    outcome.cause,
  );
}
