// A view as a Discord message within Discord's limits: 5 rows of 5 buttons, unique custom ids,
// labels of 80 characters; longer lists go into select menus whose values are the same actions.
import { ComponentType } from "discord.js";
import { describe, expect, it } from "vitest";
import { actionOf, components, discordMessage } from "../../../bots/discord/message.js";
import { action, link } from "../../../bots/views/view.js";

type Any = { type: number; custom_id?: string; label?: string; options?: Array<{ value: string }> };
const flat = (rows: ReturnType<typeof components>) => rows.flatMap((row) => row.components as Any[]);

describe("a view as a Discord message", () => {
  it("GIVEN the same action on two buttons THEN their custom ids differ and both read as the action", () => {
    const rows = components({ text: "x", buttons: [[action("Refresh", "card:f1"), action("Back", "card:f1")]] });
    const ids = flat(rows).map((b) => b.custom_id!);
    expect(new Set(ids).size).toBe(2);
    expect(ids.map(actionOf)).toEqual(["card:f1", "card:f1"]);
  });

  it("GIVEN a factory with 50 tasks and a Back button THEN every task is offered in at most 5 rows and Back stays a button", () => {
    const tasks = Array.from({ length: 50 }, (_, i) => [action(`Task ${i}`, `task:f1:${i}`)]);
    const rows = components({
      text: "x",
      buttons: [...tasks, [action("Back", "nav:browse"), link("Docs", "https://x.example")]],
    });
    expect(rows.length).toBeLessThanOrEqual(5);
    const selects = flat(rows).filter((c) => c.type === ComponentType.StringSelect);
    expect(selects.every((s) => s.options!.length <= 25)).toBe(true);
    expect(selects.flatMap((s) => s.options!.map((o) => o.value))).toEqual(tasks.map((_, i) => `task:f1:${i}`));
    expect(
      flat(rows)
        .filter((c) => c.type === ComponentType.Button)
        .map((b) => b.label),
    ).toEqual(["Back", "Docs"]);
  });

  it("GIVEN a row of seven buttons and a long label THEN rows hold five and the label is cut to 80 characters", () => {
    const row = Array.from({ length: 7 }, (_, i) => action(i === 0 ? "L".repeat(120) : `B${i}`, `page:${i}`));
    const rows = components({ text: "x", buttons: [row] });
    expect(rows.map((r) => r.components.length)).toEqual([5, 2]);
    expect(flat(rows)[0]!.label!.length).toBe(80);
  });

  it("GIVEN text longer than Discord allows THEN the content is cut to 2,000 characters and pings nobody", () => {
    const message = discordMessage({ text: "@everyone ".repeat(400) });
    expect(message.content.length).toBe(2_000);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });
});
