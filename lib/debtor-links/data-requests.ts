/** GDPR art. 15 (access) and 16 (rectification): what a debtor may ask of their personal data on the page. */
export const DATA_REQUESTS = ['ACCESS', 'CORRECTION'] as const;
export type DataRequest = (typeof DATA_REQUESTS)[number];
