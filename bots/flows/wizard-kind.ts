// What each wizard (new factory, edit, fund) gives the engine: its questions, what it checks
// before starting, and the core use case it ends with.
import type { Json, Definition, WizardState } from "./wizard.js";
import type { BotDeps, Person, ShownPayment } from "./deps.js";
import type { Step } from "./step.js";

export type WizardDeps = Pick<BotDeps, "core" | "tokens" | "payments" | "walletProof" | "datasetTokens">;

/**
 * A Solana Pay request to show (QR, link, "Open in wallet"): the edge sends it as a photo and
 * tells core where it went, so the payment notices can update that message once paid.
 */
export interface PaymentToShow {
  readonly caption: string;
  readonly shown: ShownPayment;
}

/** What a wizard step ends in: views, and maybe a payment request to send. */
export interface Outcome {
  readonly step: Step;
  readonly payment?: PaymentToShow;
}

export type Started = { ok: true; params: Record<string, Json> } | { ok: false; step: Step };

export interface WizardKind<Input> {
  readonly kind: string;
  readonly definition: Definition;
  /** Checks what the wizard needs (the factory, payments, ownership): its params, or why not. */
  start(deps: WizardDeps, person: Person, input: Input): Promise<Started>;
  /** Every answer is in (and confirmed where asked): the core use case, and what to show. */
  finish(deps: WizardDeps, person: Person, state: WizardState): Promise<Outcome>;
}
