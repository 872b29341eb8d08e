/** What a demonstration step is, as the processed `sft.json` and the Quality Agent see it. */
export type ActionKind = "click" | "double_click" | "right_click" | "drag" | "type" | "hotkey" | "scroll" | "app_focus";

export interface Action {
  readonly kind: ActionKind;
  /** Video time (ms) where the action starts. */
  readonly atMs: number;
  /** Video time of the last frame at or before `atMs` (from the fps): the action's keyframe. */
  readonly frameMs: number;
  /** Video pixel coordinates: clicks, drag start, scroll position. */
  readonly x?: number;
  readonly y?: number;
  /** Drag end, in video pixels. */
  readonly toX?: number;
  readonly toY?: number;
  /** Typed text (`type`); masked keystrokes stay `*`. */
  readonly text?: string;
  /** Hotkey keys in press order, e.g. ["Control", "c"]. */
  readonly keys?: readonly string[];
  /** Summed wheel delta (`scroll`). */
  readonly delta?: number;
  /** Focused application (`app_focus`). */
  readonly app?: string;
}
