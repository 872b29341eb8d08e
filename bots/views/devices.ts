// The Devices list: a person's paired recorders, each with a Revoke button, and Revoke all
// behind a confirmation. Button data is parsed with zod, so a forged or stale one is refused.
import { z } from "zod";
import { DEVICE_IDLE_DAYS, type DeviceSummary } from "../../core/ports/devices.js";
import type { Translate } from "../i18n.js";
import { action, day, label, plain, type Button, type View } from "./view.js";

const DeviceAction = z.discriminatedUnion("op", [
  z.object({ op: z.literal("list") }),
  z.object({ op: z.literal("revoke"), id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) }),
  z.object({ op: z.literal("allask") }),
  z.object({ op: z.literal("all") }),
]);
export type DeviceAction = z.infer<typeof DeviceAction>;

/** "dev:list", "dev:revoke:<id>", "dev:allask", "dev:all" (fits Telegram's 64 bytes). */
export const encodeDeviceAction = (a: DeviceAction): string =>
  a.op === "revoke" ? `dev:revoke:${a.id}` : `dev:${a.op}`;

export function decodeDeviceAction(data: string): DeviceAction | null {
  const [kind, op, id, ...rest] = data.split(":");
  if (kind !== "dev" || rest.length > 0) return null;
  const parsed = DeviceAction.safeParse(id === undefined ? { op } : { op, id });
  return parsed.success ? parsed.data : null;
}

/** In the text, escaped; on a button (plain text), cleaned and shortened. */
const name = (t: Translate, d: DeviceSummary) => (d.label ? plain(d.label) : t("devices-unnamed"));
const buttonName = (t: Translate, d: DeviceSummary) => (d.label ? label(d.label) : t("devices-unnamed"));

/** The list, numbered so that a Revoke button names the line it belongs to. */
export function devicesView(t: Translate, devices: readonly DeviceSummary[]): View {
  if (devices.length === 0) return { text: `${t("devices-title")}\n\n${t("devices-none")}` };
  const lines = devices.map((d, i) =>
    t("devices-item", {
      n: i + 1,
      label: name(t, d),
      paired: day(d.pairedAt),
      used: d.lastUsedAt ? day(d.lastUsedAt) : t("devices-never-used"),
      state: d.expired ? "expired" : "live",
      days: DEVICE_IDLE_DAYS,
    }),
  );
  const buttons: Button[][] = devices.map((d, i) => [
    action(t("devices-revoke", { n: i + 1, label: buttonName(t, d) }), encodeDeviceAction({ op: "revoke", id: d.id })),
  ]);
  buttons.push([action(t("devices-revoke-all"), encodeDeviceAction({ op: "allask" }))]);
  return {
    text: [t("devices-title"), "", ...lines, "", t("devices-how", { days: DEVICE_IDLE_DAYS })].join("\n"),
    buttons,
  };
}

export const revokeAllAskView = (t: Translate, count: number): View => ({
  text: t("devices-revoke-all-ask", { count }),
  buttons: [
    [
      action(t("devices-revoke-all-yes"), encodeDeviceAction({ op: "all" })),
      action(t("devices-keep"), encodeDeviceAction({ op: "list" })),
    ],
  ],
});
