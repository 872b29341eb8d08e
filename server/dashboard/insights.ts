// A factory's last 30 days for its owner's dashboard (the core's getFactoryInsights): submissions
// per day, the score distribution against the threshold, the pool's balance, the best and worst
// recordings with their keyframes. The keyframes themselves are served one by one, to the owner
// of the recording's factory only.
import { z } from "zod";
import { formatAmount } from "../../core/money/amount.js";
import type { RankedRecording } from "../../core/ports/repositories.js";
import type { HttpRoutes } from "../http-server.js";
import type { ZodTypeProvider } from "../http/zod-schemas.js";
import { imageType, keyframeKeys, KEYFRAMES_SHOWN, spread } from "./keyframes.js";
import type { DashboardOptions } from "./ports.js";
import { coreRefusal, DASHBOARD_API, refusal, refuse, sessionOf } from "./reply.js";

const FactoryParams = z.object({ id: z.string().min(1).max(128) });
const KeyframeParams = z.object({ id: z.string().min(1).max(128), n: z.coerce.number().int().min(0).max(10_000) });

export function insightRoutes(options: DashboardOptions): HttpRoutes {
  const { core, tokens } = options;
  const actor = (accountId: string) => ({ accountId, isAdmin: false });
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      `${DASHBOARD_API}/factories/:id/insights`,
      { schema: { params: FactoryParams } },
      async (request, reply) => {
        const { accountId, locale } = sessionOf(request);
        const found = await core.getFactoryInsights({ actor: actor(accountId), factoryId: request.params.id });
        if (!found.ok) return coreRefusal(options, reply, locale, found.error);
        const i = found.value;
        const decimals = tokens.get(i.overview.factory.token).decimals;
        const ranked = (list: readonly RankedRecording[]) =>
          Promise.all(
            list.map(async (r) => ({
              recordingId: r.recordingId,
              score: r.score,
              date: r.createdAt.toISOString(),
              keyframes: spread(await keyframeKeys(options.recordings, r.recordingId), KEYFRAMES_SHOWN).map(
                (k) => k.index,
              ),
            })),
          );
        return {
          days: i.days,
          submissions: i.submissions,
          scoreBins: i.scoreBins,
          threshold: i.threshold,
          token: i.overview.factory.token,
          pool: i.pool.map((p) => ({ at: p.at.toISOString(), amount: formatAmount(p.units, decimals) })),
          best: await ranked(i.best),
          worst: await ranked(i.worst),
        };
      },
    );

    app.get(
      `${DASHBOARD_API}/recordings/:id/keyframes/:n`,
      { schema: { params: KeyframeParams } },
      async (request, reply) => {
        const { accountId, locale } = sessionOf(request);
        const recording = await core.getRecording(request.params.id);
        if (!recording)
          return refuse(reply, 404, "RECORDING_NOT_FOUND", options.describe(locale, "RECORDING_NOT_FOUND"));
        // Yours if its factory is: the same check as the card's.
        const owned = await core.getOwnedFactoryOverview({
          actor: actor(accountId),
          factoryId: recording.factoryId,
          dialog: "card",
        });
        if (!owned.ok) return coreRefusal(options, reply, locale, owned.error);
        const key = (await keyframeKeys(options.recordings, recording.id))[request.params.n];
        const body = key ? await options.recordings.storage.get(key) : null;
        if (!key || !body) return refuse(reply, 404, "KEYFRAME_NOT_FOUND", refusal(locale, "KEYFRAME_NOT_FOUND"));
        return reply.header("content-type", imageType(key)).send(body);
      },
    );
  };
}
