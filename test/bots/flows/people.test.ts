import { describe, expect, it } from "vitest";
import type { Identity } from "../../../core/accounts/account.js";
import type { Core } from "../../../core/index.js";
import { displayName } from "../../../bots/flows/people.js";
import { createI18n } from "../../../bots/i18n.js";

const t = createI18n().translator("en");
const identity = (platform: Identity["platform"], username: string | null): Identity => ({
  platform,
  externalId: "1",
  accountId: "a1",
  username,
  createdAt: new Date(0),
});
const deps = (identities: Identity[]) => ({
  core: { listIdentities: async () => identities } as unknown as Core,
});

describe("how others see a person, whatever platform they use", () => {
  it("GIVEN a Telegram and a Discord username THEN the Telegram one; GIVEN only Discord THEN that one", async () => {
    expect(await displayName(deps([identity("discord", "dana"), identity("telegram", "tina")]), "a1", t)).toBe("@tina");
    expect(await displayName(deps([identity("discord", "dana")]), "a1", t)).toBe("@dana");
  });

  it("GIVEN no username anywhere, or only invisible characters THEN a neutral word, never an id", async () => {
    expect(await displayName(deps([identity("telegram", null)]), "a1", t)).toBe(t("person-unnamed"));
    expect(await displayName(deps([identity("discord", "\u200b\u200b")]), "a1", t)).toBe(t("person-unnamed"));
  });
});
