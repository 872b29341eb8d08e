import { describe, expect, it } from "vitest";
import type { FactoryInput } from "../../../core/factories/factory.js";
import { NOT_VISIBLE } from "../../../core/shared/display-text.js";
import { createI18n } from "../../../bots/i18n.js";
import { errorView } from "../../../bots/views/errors.js";
import { label } from "../../../bots/views/view.js";
import { MemoryStore } from "../../support/memory-store.js";
import { must, scenario } from "../../support/scenario.js";

const base: FactoryInput = {
  name: "Excel",
  useCase: "Spreadsheets",
  token: "USDC",
  rewardPerDemo: 1_000_000n,
  tasks: [{ title: "Sum", prompt: "Sum column B" }],
};

const issues = (result: { ok: boolean; error?: { code: string; context: Record<string, unknown> } }) =>
  (result.error?.context.issues ?? []) as { path: string; message: string }[];

describe("names people see", () => {
  it.each([
    ["a right-to-left override and a zero-width space", "\u202E\u200B"],
    ["zero-width spaces and a BOM", "\u200B\u200B\uFEFF"],
    ["bidi isolates around spaces", "\u2066 \u2069"],
    ["Hangul fillers", "\u3164\u3164"],
    ["control characters", "\u0000\u001B\u007F"],
  ])(
    "GIVEN a factory name of only %s THEN it is refused as having nothing visible, and nothing is created",
    async (_, name) => {
      const { core, person } = scenario(new MemoryStore());
      const owner = await person();
      const result = await core.createFactory({ ownerId: owner.id, factory: { ...base, name } });
      expect(!result.ok && result.error.code).toBe("INVALID_INPUT");
      expect(issues(result as never)).toContainEqual({ path: "name", message: NOT_VISIBLE });
      expect(await core.listOwnedFactories(owner.id)).toEqual([]);
      // The creator is told why, in their language.
      const t = createI18n().translator("en");
      expect(!result.ok && errorView(t, result.error).text).toContain("at least one visible letter");
      // And such a name could never make a blank button.
      expect(label(name)).toBe("…");
    },
  );

  it("GIVEN a task title of invisible characters only THEN the factory is refused", async () => {
    const { core, person } = scenario(new MemoryStore());
    const result = await core.createFactory({
      ownerId: (await person()).id,
      factory: { ...base, tasks: [{ title: "\u200F\u200E", prompt: "Sum" }] },
    });
    expect(issues(result as never)).toContainEqual({ path: "tasks.0.title", message: NOT_VISIBLE });
  });

  it("GIVEN an edit renaming a factory to direction controls only THEN it is refused and the name stays", async () => {
    const { core, person } = scenario(new MemoryStore());
    const owner = await person();
    const f = must(await core.createFactory({ ownerId: owner.id, factory: base }));
    const result = await core.updateFactory({
      actor: { accountId: owner.id, isAdmin: false },
      factoryId: f.id,
      changes: { name: "\u202D\u202E" },
    });
    expect(issues(result as never)).toContainEqual({ path: "name", message: NOT_VISIBLE });
    expect(must(await core.getFactoryOverview(f.id)).factory.name).toBe("Excel");
  });

  it("GIVEN names with invisible characters among visible ones THEN they are stored without them, on one line", async () => {
    const { core, person } = scenario(new MemoryStore());
    const f = must(
      await core.createFactory({
        ownerId: (await person()).id,
        factory: {
          ...base,
          name: "  Ex\u202Ecel\u200B \n  pro\uFEFF ",
          tasks: [{ title: "Sum\u2066 B", prompt: "Line one\u202E\n\n\n\nLine two " }],
        },
      }),
    );
    expect(f.name).toBe("Excel pro");
    expect(f.tasks[0]).toMatchObject({ title: "Sum B", prompt: "Line one\n\nLine two" });
  });

  it("GIVEN 80 emoji families as a name THEN it fits (80 characters as people count them); 81 do not", async () => {
    const { core, person } = scenario(new MemoryStore());
    const owner = await person();
    const family = "👩‍👩‍👧";
    must(await core.createFactory({ ownerId: owner.id, factory: { ...base, name: family.repeat(80) } }));
    const long = await core.createFactory({ ownerId: owner.id, factory: { ...base, name: family.repeat(81) } });
    expect(issues(long as never)).toContainEqual({ path: "name", message: "at most 80 characters" });
  });
});
