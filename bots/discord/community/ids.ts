// The community commands' custom ids (the bot routes components of this kind to the community feature).

/** The kind (custom id up to the first ":") of every community component. */
export const COMMUNITY_KIND = "community";
/** The settings panel's selects: featured factories, announcements channel, channel for DM notices. */
export const SETTINGS_IDS = {
  feature: `${COMMUNITY_KIND}:feature`,
  announce: `${COMMUNITY_KIND}:announce`,
  notices: `${COMMUNITY_KIND}:notices`,
} as const;
