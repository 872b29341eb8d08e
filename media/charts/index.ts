// Server-drawn charts for the bots and the dashboard: a declarative spec (translated strings and
// a locale from the caller) to SVG or to a 1.5× PNG (720 px wide) with a content key for caching the upload.
export * from "./spec.js";
export { CHART_VERSION, chartKey, chartPng, chartSvg } from "./render.js";
/** What of a text the charts' fonts can draw (other characters are left out of a picture). */
export { drawableText } from "./font-metrics.js";
