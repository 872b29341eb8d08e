import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one process, served at /metrics (PORT for the server, else METRICS_PORT). */
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
    httpRequests: counter("http_requests_total", "HTTP requests answered, by route pattern and status", [
      "method",
      "route",
      "status",
    ] as const),
    gradingSeconds: new Histogram({
      name: "forge_grading_duration_seconds",
      help: "Time to grade one recording, from the job's start to its verdict",
      labelNames: ["outcome"] as const,
      // A few seconds for a short clip, minutes for a long one with an LLM judge.
      buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

interface CountedWorker {
  readonly name: string;
  on(event: "completed", listener: () => void): unknown;
  on(
    event: "failed",
    listener: (job: { attemptsMade: number; opts: { attempts?: number } } | undefined, error: Error) => void,
  ): unknown;
}

/** Counts a BullMQ worker's jobs by queue and outcome (completed, retrying, failed for good). */
export function countJobs(metrics: Metrics, worker: CountedWorker): void {
  worker.on("completed", () => metrics.jobs.inc({ queue: worker.name, outcome: "completed" }));
  worker.on("failed", (job, error) => {
    const final = !job || error.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobs.inc({ queue: worker.name, outcome: final ? "failed" : "retrying" });
  });
}
