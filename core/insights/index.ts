export { getEarningsHistory, HISTORY_DAYS, type EarningsHistory, type TokenHistory } from "./get-earnings-history.js";
export { getFactoryInsights, RANKED_RECORDINGS, type FactoryInsights } from "./get-factory-insights.js";
