// The catalogue keys this module's refusals and outcomes name (messages/*.json, under `accounts`). A page shows a
// key it finds in the URL only when it is one of these.

export const ACCOUNTS_ERRORS = {
  member: 'accounts.errors.member',
  resetRefused: 'accounts.errors.resetRefused',
  policy: 'accounts.errors.policy',
} as const;

export const STAFF_OUTCOMES = {
  sessionsEnded: 'accounts.staff.done.sessionsEnded',
  secondFactorReset: 'accounts.staff.done.secondFactorReset',
  policySaved: 'accounts.staff.done.policySaved',
} as const;
