import { describe, expect, it } from "vitest";
import type { FactoryInput } from "../../../core/factories/factory.js";
import { MemoryStore } from "../../support/memory-store.js";
import { USDC, must, scenario } from "../../support/scenario.js";

const base: FactoryInput = {
  name: "Excel",
  useCase: "Spreadsheets",
  token: "USDC",
  rewardPerDemo: 1_000_000n,
  tasks: [{ title: "Sum", prompt: "Sum column B" }],
};

describe("creating a factory", () => {
  it("GIVEN valid settings THEN a live factory with threshold 50 by default and an empty pool", async () => {
    const { core, person } = scenario(new MemoryStore());
    const owner = await person();
    const f = must(await core.createFactory({ ownerId: owner.id, factory: base }));
    expect(f).toMatchObject({
      status: "active",
      threshold: 50,
      token: "USDC",
      rewardPerDemo: 1_000_000n,
      ownerId: owner.id,
    });
    expect(f.limits).toEqual({ perTask: null, perDay: null, total: null });
    expect(f.tasks[0]).toMatchObject({ title: "Sum", prompt: "Sum column B", app: null });
    expect(must(await core.getFactoryOverview(f.id)).available).toBe(0n);
  });

  it.each([
    ["threshold 49", { threshold: 49 }, "THRESHOLD_TOO_LOW"],
    ["threshold 101", { threshold: 101 }, "INVALID_INPUT"],
    ["threshold 70.5", { threshold: 70.5 }, "INVALID_INPUT"],
    ["reward 0", { rewardPerDemo: 0n }, "INVALID_INPUT"],
    ["a blank name", { name: "  " }, "INVALID_INPUT"],
    ["no tasks", { tasks: [] }, "INVALID_INPUT"],
    ["token BTC", { token: "BTC" }, "INVALID_INPUT"],
    ["a per-task limit of 0", { limits: { perTask: 0, perDay: null, total: null } }, "INVALID_INPUT"],
  ])("GIVEN %s THEN %s and nothing is created", async (_name, override, code) => {
    const { core, person } = scenario(new MemoryStore());
    const owner = await person();
    const result = await core.createFactory({ ownerId: owner.id, factory: { ...base, ...override } as never });
    expect(!result.ok && result.error.code).toBe(code);
  });

  it("refuses a token whose mint is not configured", async () => {
    const { createTokenRegistry } = await import("../../../core/money/tokens.js");
    const { core, person } = scenario(new MemoryStore(), {
      tokens: createTokenRegistry({ USDC: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v" }),
    });
    const result = await core.createFactory({ ownerId: (await person()).id, factory: { ...base, token: "CLONES" } });
    expect(!result.ok && result.error.code).toBe("TOKEN_UNKNOWN");
  });

  it("refuses an unknown owner", async () => {
    const { core } = scenario(new MemoryStore());
    const result = await core.createFactory({ ownerId: "ghost", factory: base });
    expect(!result.ok && result.error.code).toBe("ACCOUNT_NOT_FOUND");
  });
});

describe("editing a factory", () => {
  it("GIVEN its owner THEN reward, threshold, limits and tasks change; removed tasks disappear", async () => {
    const { core, person, factory } = scenario(new MemoryStore());
    const owner = await person();
    const f = await factory(owner);
    const updated = must(
      await core.updateFactory({
        actor: { accountId: owner.id, isAdmin: false },
        factoryId: f.id,
        changes: {
          rewardPerDemo: USDC(2),
          threshold: 75,
          limits: { perDay: 3 },
          addTasks: [{ title: "Chart", prompt: "Make a chart" }],
          removeTaskIds: [f.tasks[0]!.id],
        },
      }),
    );
    expect(updated).toMatchObject({
      rewardPerDemo: 2_000_000n,
      threshold: 75,
      limits: { perTask: null, perDay: 3, total: null },
    });
    expect(updated.tasks.map((t) => t.title)).toEqual(["Sort rows", "Chart"]);
    expect(must(await core.getFactoryOverview(f.id)).factory.tasks.map((t) => t.title)).toEqual(["Sort rows", "Chart"]);
  });

  it.each([
    ["someone else", false, { threshold: 60 }, "FACTORY_NOT_OWNER"],
    ["an admin (admins moderate, they do not edit)", true, { threshold: 60 }, "FACTORY_NOT_OWNER"],
    ["the owner, threshold below 50", false, { threshold: 40 }, "THRESHOLD_TOO_LOW"],
    ["the owner, removing every task", false, "all-tasks", "INVALID_INPUT"],
    ["the owner, removing an unknown task", false, { removeTaskIds: ["nope"] }, "TASK_NOT_FOUND"],
  ])("GIVEN %s THEN %s → %s and nothing changes", async (who, isAdmin, changes, code) => {
    const { core, person, factory } = scenario(new MemoryStore());
    const owner = await person();
    const other = await person();
    const f = await factory(owner);
    const actor = { accountId: who.startsWith("the owner") ? owner.id : other.id, isAdmin };
    const result = await core.updateFactory({
      actor,
      factoryId: f.id,
      changes: changes === "all-tasks" ? { removeTaskIds: f.tasks.map((t) => t.id) } : (changes as never),
    });
    expect(!result.ok && result.error.code).toBe(code);
    expect(must(await core.getFactoryOverview(f.id)).factory).toEqual(f);
  });
});

describe("pause, resume, close", () => {
  it("GIVEN the owner THEN pause → resume → close; closed is final", async () => {
    const { core, person, factory } = scenario(new MemoryStore());
    const owner = await person();
    const f = await factory(owner);
    const actor = { accountId: owner.id, isAdmin: false };
    expect(must(await core.changeFactoryStatus({ actor, factoryId: f.id, action: "pause" })).status).toBe("paused");
    const again = await core.changeFactoryStatus({ actor, factoryId: f.id, action: "pause" });
    expect(!again.ok && again.error.code).toBe("FACTORY_STATUS_UNCHANGED");
    expect(must(await core.changeFactoryStatus({ actor, factoryId: f.id, action: "resume" })).status).toBe("active");
    expect(must(await core.changeFactoryStatus({ actor, factoryId: f.id, action: "close" })).status).toBe("closed");
    const reopen = await core.changeFactoryStatus({ actor, factoryId: f.id, action: "resume" });
    expect(!reopen.ok && reopen.error.code).toBe("FACTORY_CLOSED");
    const edit = await core.updateFactory({ actor, factoryId: f.id, changes: { name: "x" } });
    expect(!edit.ok && edit.error.code).toBe("FACTORY_CLOSED");
  });

  it.each([
    ["pause", false, "FACTORY_NOT_OWNER"],
    ["pause", true, "paused"],
    ["close", true, "closed"],
  ])("a non-owner (admin: %s) asking to %s → %s", async (action, isAdmin, expected) => {
    const { core, person, factory } = scenario(new MemoryStore());
    const f = await factory(await person());
    const result = await core.changeFactoryStatus({
      actor: { accountId: (await person()).id, isAdmin: isAdmin as boolean },
      factoryId: f.id,
      action: action as "pause",
    });
    expect(result.ok ? result.value.status : result.error.code).toBe(expected);
  });

  it("an admin cannot resume a factory the owner paused", async () => {
    const { core, person, factory } = scenario(new MemoryStore());
    const owner = await person();
    const f = await factory(owner);
    must(
      await core.changeFactoryStatus({
        actor: { accountId: owner.id, isAdmin: false },
        factoryId: f.id,
        action: "pause",
      }),
    );
    const result = await core.changeFactoryStatus({
      actor: { accountId: (await person()).id, isAdmin: true },
      factoryId: f.id,
      action: "resume",
    });
    expect(!result.ok && result.error.code).toBe("FACTORY_NOT_OWNER");
  });
});
