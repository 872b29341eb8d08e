// Data builders for the LLM judge's tests.
import { Writable } from "node:stream";
import { pino } from "pino";
import type { JudgeAction, JudgeInput } from "../../llm/types.js";

export const typing = (text: string, atMs = 1_000): JudgeAction => ({ kind: "type", atMs, frameMs: atMs, text });
export const click = (atMs: number, x = 100, y = 200): JudgeAction => ({ kind: "click", atMs, frameMs: atMs, x, y });
export const focus = (app: string, atMs = 0): JudgeAction => ({ kind: "app_focus", atMs, frameMs: atMs, app });

/** A recording of someone writing a shopping list in a text editor, as the task asks. */
export function shoppingListInput(overrides: Partial<JudgeInput> = {}): JudgeInput {
  return {
    task: {
      title: "Write a shopping list",
      prompt: "Open the text editor and write a shopping list with milk, bread and apples",
      app: "gedit",
      objectives: ["Open the editor", "Type the list"],
    },
    actions: [focus("gedit"), click(500), typing("shopping list: milk, bread, apples", 1_000)],
    durationMs: 20_000,
    ...overrides,
  };
}

/** A pino logger at debug level whose output the test can read. */
export function capturingLogger() {
  let out = "";
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((out += chunk.toString()), done()) });
  return { logger: pino({ level: "debug" }, sink), output: () => out };
}
