import { describe, expect, it } from "vitest";
import type { Action } from "../../../core/recordings/action.js";
import { taskRelevance } from "../../../core/scoring/task-relevance.js";
import { meta } from "../recordings/builders.js";

const task = { title: "Rename a file", prompt: "In the Files app, rename report.txt to summary.txt.", app: "Files" };
const focus = (app: string): Action => ({ kind: "app_focus", atMs: 0, frameMs: 0, app });
const type = (text: string): Action => ({ kind: "type", atMs: 0, frameMs: 0, text });

describe("relevance to the task", () => {
  it("GIVEN the quest title, the app focused and the file names typed THEN fully relevant", () => {
    expect(taskRelevance(task, [focus("org.gnome.Files"), type("summary.txt")], meta())).toBe(1);
  });

  it("GIVEN a click-only demo in the right app THEN words are not judged: quest and app decide", () => {
    expect(taskRelevance(task, [focus("files")], meta())).toBe(1);
  });

  it("GIVEN typing unrelated words in another app THEN only the quest counts: its title, half for its app", () => {
    const value = taskRelevance(task, [focus("Steam"), type("hello world")], meta());
    expect(value).toBeCloseTo(0.25 + 0.35 * 0.5);
  });

  it("GIVEN the app only named in the quest, never focused THEN half credit for the app", () => {
    const value = taskRelevance(task, [type("report summary")], meta());
    expect(value).toBeCloseTo((0.25 + 0.35 * 0.5 + 0.4 * (2 / 3)) / 1);
  });

  it("GIVEN a quest for another task THEN the title part is lost", () => {
    const other = meta({ quest: { title: "Play a game", app: "Steam", objectives: [] } });
    expect(taskRelevance(task, [focus("Files"), type("summary.txt report")], other)).toBeCloseTo(0.75);
  });

  it("GIVEN a task with no words and no app THEN null: nothing to judge", () => {
    expect(taskRelevance({ title: "", prompt: "do it" }, [type("x")], meta())).toBeNull();
  });
});
