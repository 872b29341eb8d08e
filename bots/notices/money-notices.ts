// What people are told about their money, and when: grades with where the payout stands,
// payouts with their transaction link, payments received, a wallet to link, and admin alerts.
// Every message has an id, so a retry (after a crash, or from the sweeper) never repeats one,
// and every claim is true when it is rendered: "paid out" only after a confirmed signature.
import { createHash } from "node:crypto";
import type { Core } from "../../core/index.js";
import type { TokenRegistry } from "../../core/money/tokens.js";
import type { BurnResult } from "../../core/boosts/record-burn.js";
import { platformDisplayName } from "../../core/shared/display-text.js";
import { canAppeal } from "../../core/grading/recording.js";
import type { PaymentRequest, RecordedPayment } from "../../core/payments/payment.js";
import type { PaymentResult } from "../../core/payments/record-payment.js";
import type { PayoutBatch } from "../../core/payouts/batch.js";
import type { Payout } from "../../core/payouts/payout.js";
import type { Translate } from "../i18n.js";
import { gradeNotice } from "../views/grade.js";
import { action, amount, amounts, multiplier, plain, shortWallet } from "../views/view.js";
import { loadGradeNotice, recordingOfSubmission } from "./grade-notice.js";
import type { Notifier } from "./notifier.js";

export interface MoneyNoticesDeps {
  readonly core: Core;
  readonly tokens: TokenRegistry;
  readonly notifier: Notifier;
  readonly explorer: (signature: string) => string;
  /** A Solana Pay link to send SOL to the treasury for network fees, for admins' alerts. */
  readonly gasTopUp?: (lamports: bigint) => Promise<string | null>;
}

/** Edits of a payment request's message, in the order they may overwrite each other. */
export const PAYMENT_EDIT_RANK = { seen: 1, paid: 2, finalized: 3 } as const;

export function moneyNotices(deps: MoneyNoticesDeps) {
  const { core, tokens, notifier, explorer } = deps;
  const sol = (lamports: bigint) => amount(tokens, "SOL", lamports);

  /**
   * Tells a farmer their grade (once per grade). While its payout is queued or in flight the
   * message waits (returns "deferred"), so that it can carry the transaction link; `force`
   * tells it now, saying where the money stands. Returns the payout it announced as paid.
   */
  async function grade(
    recordingId: string,
    options: { force?: boolean; topUpRefused?: string } = {},
  ): Promise<{ result: "told" | "deferred" | "none"; announced: string | null }> {
    const loaded = await loadGradeNotice(core, explorer, recordingId, options);
    if (!loaded) return { result: "none", announced: null };
    const { recording, input, payout } = loaded;
    const kind = input.payout?.kind;
    if (!options.force && (kind === "queued" || kind === "in_flight")) return { result: "deferred", announced: null };
    // One message per grade (the first, and an appeal's regrade): the id makes a repeat a no-op.
    const outcome = await notifier.dm(
      `grade:${recording.id}:${recording.firstGrade ? "regrade" : "first"}`,
      recording.accountId,
      (t) => ({
        text: gradeNotice(t, tokens, input),
        buttons: canAppeal(recording) ? [[action(t("grade-appeal"), `appeal:${recording.id}`)]] : [],
      }),
    );
    await core.markGradeNotified(recording.id);
    if (outcome !== "stored") return { result: "none", announced: null };
    if (kind === "no_wallet") await core.promptForWallet(recording.accountId); // this message said how
    if (kind === "paid" && payout) {
      await core.claimPayoutNotice(payout.id);
      return { result: "told", announced: payout.id };
    }
    return { result: "told", announced: null };
  }

  /** The names a payout's message mentions, read once before rendering in any language. */
  async function payoutSubject(p: Payout): Promise<{ factory: string; name: string | null }> {
    const factoryId =
      p.role === "farmer" && p.submissionId
        ? (await core.getSubmission(p.submissionId))?.factoryId
        : p.role === "creator"
          ? p.sourceId
          : null;
    const overview = factoryId ? await core.getFactoryOverview(factoryId) : null;
    const referee = p.role === "ambassador" && p.sourceId ? await core.listIdentities(p.sourceId) : [];
    const username = platformDisplayName(referee.find((i) => i.username)?.username);
    return {
      factory: overview?.ok ? plain(overview.value.factory.name) : "?",
      name: username ? plain(`@${username}`) : null,
    };
  }

  const subjectText = (t: Translate, p: Payout, s: { factory: string; name: string | null }) =>
    p.role === "farmer"
      ? t("payout-what-farmer", { factory: s.factory })
      : p.role === "ambassador"
        ? t("payout-what-ambassador", { name: s.name ?? t("payout-someone") })
        : p.role === "creator"
          ? t("payout-what-creator", { factory: s.factory })
          : t("payout-what-staker");

  /** A paid payout's message: its own, unless the grade message carried its link. */
  async function announcePaid(p: Payout): Promise<void> {
    if (p.role === "farmer" && p.submissionId) {
      const told = await grade(recordingOfSubmission(p.submissionId), { force: true });
      if (told.announced === p.id) return;
    }
    const fresh = await core.getPayout(p.id);
    if (!fresh || fresh.notifiedAt || fresh.status !== "paid") return;
    const subject = await payoutSubject(fresh);
    await notifier.dm(`payout:${fresh.id}`, fresh.recipientId, (t) =>
      [
        t("payout-paid", {
          amount: amount(tokens, fresh.token, fresh.units),
          wallet: shortWallet(fresh.wallet!),
          what: subjectText(t, fresh, subject),
          link: explorer(fresh.signature!),
        }),
        ...(fresh.rentLamports > 0n ? [t("payout-rent", { token: fresh.token, rent: sol(fresh.rentLamports) })] : []),
      ].join("\n"),
    );
    await core.claimPayoutNotice(fresh.id);
  }

  return {
    grade,

    /**
     * Grading could not run (the worker lacks its video tools): the farmer hears it is delayed,
     * not failed and not scored, once per grade whatever the retries; the grade's own message follows.
     */
    async gradingDelayed(recordingId: string, options: { regrade: boolean }): Promise<void> {
      const recording = await core.getRecording(recordingId);
      if (!recording) return;
      const overview = await core.getFactoryOverview(recording.factoryId);
      const factory = overview.ok ? overview.value.factory : null;
      const names = {
        factory: plain(factory?.name ?? "?"),
        task: plain(factory?.tasks.find((t) => t.id === recording.taskId)?.title ?? "?"),
      };
      const kind = options.regrade ? "regrade" : "first";
      await notifier.dm(`grading-delayed:${recording.id}:${kind}`, recording.accountId, (t) =>
        t(options.regrade ? "grading-delayed-regrade" : "grading-delayed", names),
      );
    },

    /** The payout worker confirmed a batch. */
    async paid(_batch: PayoutBatch, payouts: readonly Payout[]): Promise<void> {
      for (const p of payouts) await announcePaid(p);
    },

    /** A batch failed on chain: its payouts are owed again; tell admins about those now held. */
    async failed(batch: PayoutBatch, error: string, held: readonly Payout[]): Promise<void> {
      if (held.length === 0) return;
      await notifier.admins(`payout-held:${batch.id}`, (t) =>
        t("admin-payout-held", { count: held.length, batch: batch.id, error: plain(error.slice(0, 300)) }),
      );
    },

    /** The reconciler found differences between the chain and the ledger: admins, once per finding. */
    async reconciled(problems: readonly string[]): Promise<void> {
      if (problems.length === 0) return;
      const id = createHash("sha256").update(problems.join("\n")).digest("hex").slice(0, 32);
      await notifier.admins(`reconcile:${id}`, (t) =>
        [t("admin-reconcile", { count: problems.length }), ...problems.slice(0, 20).map((p) => `• ${plain(p)}`)].join(
          "\n",
        ),
      );
    },

    /** Payouts paused for lack of SOL, or resumed. */
    async gas(paused: boolean, needed: bigint, available: bigint, since: Date): Promise<void> {
      const link =
        paused && deps.gasTopUp ? await deps.gasTopUp(needed > available ? needed - available : needed) : null;
      await notifier.admins(`gas:${paused ? "low" : "ok"}:${since.getTime()}`, (t) =>
        paused
          ? t("admin-gas-low", {
              needed: sol(needed),
              available: sol(available > 0n ? available : 0n),
              link: link ?? "",
            })
          : t("admin-gas-ok"),
      );
    },

    /** People owed money without a wallet: told once, ever, how to link one. */
    async walletsMissing(accountIds: readonly string[]): Promise<void> {
      for (const accountId of accountIds) {
        if (!(await core.promptForWallet(accountId))) continue;
        const earnings = await core.getEarnings(accountId);
        const owed: Record<string, bigint> = {};
        for (const lines of Object.values(earnings.byRole))
          for (const [token, line] of Object.entries(lines ?? {}))
            owed[token] = (owed[token] ?? 0n) + (line?.owed ?? 0n);
        await notifier.dm(`wallet-prompt:${accountId}`, accountId, (t) =>
          t("wallet-prompt", { amount: amounts(tokens, owed) }),
        );
      }
    },

    /** Paid payouts and grades whose message was lost (a crash between the step and the message). */
    async sweep(): Promise<number> {
      let told = 0;
      for (const p of await core.listPaidUnnotified(60_000, 100)) {
        await announcePaid(p);
        told++;
      }
      for (const recording of await core.listUntoldGrades(90_000, 100)) {
        if ((await grade(recording.id, { force: true })).result === "told") told++;
      }
      return told;
    },

    /** A payment was recorded: tell the payer's account and update the request's own message. */
    async paymentReceived(r: PaymentResult): Promise<void> {
      const request = r.request;
      if (!request || r.payment.outcome === "mismatch" || r.payment.outcome === "unattributed") return;
      const paid = amount(tokens, r.payment.token, r.payment.units);
      const link = explorer(r.payment.signature);
      const again = request.status === "paid";
      const overview = request.factoryId ? await core.getFactoryOverview(request.factoryId) : null;
      await notifier.dm(`payment:${r.payment.signature}`, request.ownerId, (t) => {
        const subject =
          request.purpose === "fund"
            ? t("payment-what-fund", { name: overview?.ok ? plain(overview.value.factory.name) : "?" })
            : request.purpose === "stake"
              ? t("payment-what-stake")
              : request.purpose === "gas"
                ? t("payment-what-gas")
                : t("payment-what-verify", { wallet: shortWallet(r.payment.payer) });
        const details = [
          again ? t("payment-again") : "",
          r.shortfall > 0n ? t("payment-short", { missing: amount(tokens, r.payment.token, r.shortfall) }) : "",
          overview?.ok
            ? t("payment-pool-now", {
                available: amount(tokens, overview.value.factory.token, overview.value.available),
              })
            : "",
        ].filter(Boolean);
        return `${t("payment-credited", { amount: paid, what: subject, detail: details.join(" ") })}\n${t("payment-tx-link", { link })}`;
      });
      if (!again && request.messageRef)
        await notifier.edit(
          `payment-edit:${request.id}:paid`,
          request.ownerId,
          request.messageRef,
          PAYMENT_EDIT_RANK.paid,
          (t) => requestStatus(t, request, r.payment, false),
        );
    },

    /** A burn for an XP boost was confirmed: the boost it granted, or why it granted none. */
    async burnRecorded(r: BurnResult): Promise<void> {
      const link = explorer(r.payment.signature);
      const burned = amount(tokens, r.payment.token, r.payment.units);
      const text = (t: Translate) =>
        r.granted
          ? t("boost-applied", {
              amount: burned,
              multiplier: multiplier(r.granted.bps),
              until: r.granted.until.toISOString().slice(0, 16).replace("T", " "),
              link,
            })
          : r.payment.outcome === "mismatch"
            ? t("boost-wrong-token", { link })
            : t("boost-too-small", { amount: burned, requested: amount(tokens, "CLONES", r.request.units), link });
      await notifier.dm(`burn:${r.payment.signature}`, r.request.ownerId, text);
      if (r.request.messageRef)
        await notifier.edit(
          `payment-edit:${r.request.id}:paid`,
          r.request.ownerId,
          r.request.messageRef,
          PAYMENT_EDIT_RANK.paid,
          text,
        );
    },

    /** The chain processed a transaction naming a request (seen, not yet confirmed). */
    async paymentSeen(request: PaymentRequest, signature: string): Promise<void> {
      if (!request.messageRef) return;
      await notifier.edit(
        `payment-edit:${request.id}:seen`,
        request.ownerId,
        request.messageRef,
        PAYMENT_EDIT_RANK.seen,
        (t) => t("payment-request-seen", { link: explorer(signature) }),
      );
    },

    /** The chain finalized a credited payment. */
    async paymentFinalized(payment: RecordedPayment, request: PaymentRequest | null): Promise<void> {
      // A boost's message already says what the burn did; "received" would not be true of it.
      if (!request?.messageRef || request.purpose === "boost") return;
      await notifier.edit(
        `payment-edit:${request.id}:finalized`,
        request.ownerId,
        request.messageRef,
        PAYMENT_EDIT_RANK.finalized,
        (t) => requestStatus(t, request, payment, true),
      );
    },
  };

  /** A request's own message once paid: the whole amount, or what arrived of it. */
  function requestStatus(t: Translate, request: PaymentRequest, payment: RecordedPayment, finalized: boolean): string {
    const link = explorer(payment.signature);
    if (payment.units < request.units)
      return t(finalized ? "payment-request-short-finalized" : "payment-request-short", {
        received: amount(tokens, payment.token, payment.units),
        requested: amount(tokens, request.token, request.units),
        missing: amount(tokens, request.token, request.units - payment.units),
        link,
      });
    return t(finalized ? "payment-request-finalized" : "payment-request-paid", {
      amount: amount(tokens, payment.token, payment.units),
      link,
    });
  }
}

export type MoneyNotices = ReturnType<typeof moneyNotices>;
