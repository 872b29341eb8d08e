// Drawing a chart for chat: a 30-day two-token earnings chart and the 3-panel factory chart,
// spec to PNG, warmed up, as p95 over many draws; the time of each stage (ECharts option, init,
// setOption, SVG string, text outlines, resvg parse, raster, PNG encoding); and, as the baseline,
// the Solana Pay QR code the bots already send as a PNG (qrcode, as chain/ draws it), drawn
// alternately with the charts so that both see the same moments of a busy machine.
import { setImmediate } from "node:timers/promises";
import { qrPng, transferRequestUrl } from "../chain/solana-pay.js";
import { timedChartPng, type ChartStage } from "../media/charts/render.js";
import type { ChartSpec } from "../media/charts/index.js";
import { earningsSpec, factorySpec } from "../test/media/charts/specs.js";

type Report = (name: string, value: number, unit: string) => void;

const WARMUP = 10;
const SAMPLES = 80;

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

const sorted = (values: readonly number[]): number[] => [...values].sort((x, y) => x - y);

const QR_URL = transferRequestUrl({
  recipient: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",
  units: 12_500_000n,
  decimals: 6,
  splToken: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
  references: ["CLoNeS1111111111111111111111111111111111111"],
  label: "CLONES Forge",
  message: "Fund factory: Spreadsheet skills",
  memo: "req-0123456789",
});

interface Measured {
  readonly p50: number;
  readonly p95: number;
  readonly cpuP50: number;
  readonly stages: Map<ChartStage, number>;
  readonly bytes: number;
  readonly qrP95: number;
}

/**
 * Chart draws alternating with QR draws: p50 and p95 of whole chart draws, the median CPU time of
 * one, the median of each stage, and the QR's p95 over the same stretch of time.
 */
async function benchChart(spec: ChartSpec): Promise<Measured> {
  const [totals, cpu, qr] = [[], [], []] as [number[], number[], number[]];
  const stages = new Map<ChartStage, number[]>();
  let bytes = 0;
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const measured = i >= WARMUP;
    // A bot draws one picture per update, the event loop turning in between: resvg's pictures are
    // freed by finalizers that only run then, so draws back to back in one loop would hold every
    // picture (megabytes each) and measure the kernel handing out fresh memory instead.
    await setImmediate();
    const qrStart = performance.now();
    await qrPng(QR_URL);
    if (measured) qr.push(performance.now() - qrStart);
    await setImmediate();
    const [start, cpuStart] = [performance.now(), process.cpuUsage()];
    let last = start;
    const lap = (stage: ChartStage) => {
      const now = performance.now();
      if (measured) stages.set(stage, [...(stages.get(stage) ?? []), now - last]);
      last = now;
    };
    bytes = timedChartPng(spec, i % 2 === 0 ? "light" : "dark", lap).png.length;
    const used = process.cpuUsage(cpuStart);
    if (measured) totals.push(performance.now() - start);
    if (measured) cpu.push((used.user + used.system) / 1000);
  }
  const medians = new Map([...stages].map(([stage, ms]) => [stage, quantile(sorted(ms), 0.5)]));
  const byTime = sorted(totals);
  return {
    p50: quantile(byTime, 0.5),
    p95: quantile(byTime, 0.95),
    cpuP50: quantile(sorted(cpu), 0.5),
    stages: medians,
    bytes,
    qrP95: quantile(sorted(qr), 0.95),
  };
}

export async function benchCharts(report: Report): Promise<void> {
  const earnings = await benchChart(earningsSpec("es"));
  report("qr_png_ms_p95", earnings.qrP95, "ms");
  report("chart_png_ms_p95", earnings.p95, "ms");
  report("chart_png_ms_p50", earnings.p50, "ms");
  report("chart_png_vs_qr", earnings.p95 / earnings.qrP95, "x");
  report("chart_png_bytes", earnings.bytes, "bytes");
  // CPU time per draw: what a draw costs the process, less swayed than wall time by a busy machine.
  report("chart_png_cpu_ms_p50", earnings.cpuP50, "ms");
  for (const [stage, ms] of earnings.stages) report(`chart_stage_${stage}_ms_p50`, ms, "ms");
  const factory = await benchChart(factorySpec("es"));
  report("chart_png_factory_ms_p95", factory.p95, "ms");
  report("chart_png_factory_vs_qr", factory.p95 / factory.qrP95, "x");
  report("chart_png_factory_cpu_ms_p50", factory.cpuP50, "ms");
  for (const [stage, ms] of factory.stages) report(`chart_factory_stage_${stage}_ms_p50`, ms, "ms");
}
