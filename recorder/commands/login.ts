import { hostname } from "node:os";
import type { Context } from "../cli/context.js";
import type { Command } from "../cli/parse-command.js";
import { DEFAULT_SERVER, loadConfig, saveConfig } from "../home/forge-home.js";
import { environmentError } from "../cli/cli-error.js";
import { ApiRejection, describeRejection, ForgeApi, LoginReply } from "../upload/api-client.js";

/** How this machine is named in the bot's Devices list: "hostname (platform)". */
const deviceLabel = (ctx: Context): string => `${hostname().slice(0, 32)} (${ctx.platform})`;

/**
 * `forge login <code>`: redeems the bot's one-time pairing code for a device token and the
 * granted task, saved to config.json (mode 0600). The token is never printed.
 */
export async function login(command: Extract<Command, { command: "login" }>, ctx: Context): Promise<void> {
  const previous = await loadConfig(ctx.home);
  const server = command.server ?? ctx.env.FORGE_SERVER ?? previous?.server ?? DEFAULT_SERVER;
  const api = new ForgeApi(server, ctx.fetch);
  let reply;
  try {
    reply = await api.json(LoginReply, "POST", "api/recorder/login", {
      body: { code: command.code, label: deviceLabel(ctx) },
    });
  } catch (error) {
    if (error instanceof ApiRejection) throw describeRejection(error);
    // Nobody named a server: the default one (a server on this machine) is not running here.
    if (!command.server && !ctx.env.FORGE_SERVER && !previous?.server)
      throw environmentError(
        `cannot reach a Forge server at ${server} (the default). Use the address the bot gave you: forge login ${command.code} --server <address>`,
        error,
      );
    throw error;
  }
  await saveConfig(ctx.home, { server, ...reply });
  ctx.io.out(`Paired with ${server}.`);
  ctx.io.out(`Task: ${reply.taskTitle} (${reply.factoryName}). Start with: forge record`);
}
