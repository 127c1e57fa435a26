// The catalogue keys this module's refusals and outcomes name (messages/*.json, under `accounts`). A page shows a
// key it finds in the URL only when it is one of these.

export const ACCOUNTS_ERRORS = {
  member: 'accounts.errors.member',
  resetRefused: 'accounts.errors.resetRefused',
  policy: 'accounts.errors.policy',
  self: 'accounts.errors.self',
  lastAdmin: 'accounts.errors.lastAdmin',
  role: 'accounts.errors.role',
  creditor: 'accounts.errors.creditor',
  active: 'accounts.errors.active',
} as const;

export const STAFF_OUTCOMES = {
  sessionsEnded: 'accounts.staff.done.sessionsEnded',
  secondFactorReset: 'accounts.staff.done.secondFactorReset',
  policySaved: 'accounts.staff.done.policySaved',
  roleChanged: 'accounts.staff.done.roleChanged',
  deactivated: 'accounts.staff.done.deactivated',
  reactivated: 'accounts.staff.done.reactivated',
} as const;
