import { Counter, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one process, exposed by the server role at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "forge_" });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter({ name: `forge_${name}`, help, labelNames, registers: [registry] });
  return {
    registry,
    updatesHandled: counter("updates_handled_total", "Chat updates handled", ["platform"] as const),
    jobs: counter("jobs_total", "Background jobs finished", ["queue", "outcome"] as const),
    payments: counter("payments_credited_total", "Payments credited to the ledger", ["token", "purpose"] as const),
    payouts: counter("payouts_total", "Payouts created or sent", ["token", "status"] as const),
    notifications: counter("notifications_total", "Notifications by delivery outcome", [
      "platform",
      "outcome",
    ] as const),
    errors: counter("errors_total", "Errors logged", ["source"] as const),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
