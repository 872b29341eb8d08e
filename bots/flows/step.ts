import type { View } from "../views/view.js";

// What a step of a flow answers: views to show, each in place of the message a button was
// pressed on or as a new message, and an optional short notice (Telegram shows it as a toast
// on the button, Discord as a private reply).

export interface Shown {
  readonly view: View;
  /** Replaces the message whose button was pressed (a new message when there is none). */
  readonly inPlace: boolean;
}

export interface Step {
  readonly notice?: string;
  readonly show: readonly Shown[];
}

export const inPlace = (view: View): Shown => ({ view, inPlace: true });
export const asNew = (view: View): Shown => ({ view, inPlace: false });
export const step = (...show: Shown[]): Step => ({ show });
