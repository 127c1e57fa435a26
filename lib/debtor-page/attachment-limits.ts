/**
 * What a debtor may attach to a dispute: a few documents of reasonable size. The server action's body limit is set
 * above their sum in next.config.js. Shared by the page's form (its hint) and the check (./attachments.ts).
 */
export const ATTACHMENT_LIMITS = { files: 3, bytesEach: 4 * 1024 * 1024, bytesTotal: 8 * 1024 * 1024 } as const;
