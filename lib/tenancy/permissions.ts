import type { Role } from '../db/generated/enums';
import { AppError } from '../errors/app-error';
import type { Actor } from './actor';

/** Action → roles allowed. Used by server checks and by the UI to hide what a role cannot do. */
export const PERMISSIONS = {
  'files.list': ['ADMIN', 'MANAGER', 'AGENT', 'CREDITOR'],
  'files.read': ['ADMIN', 'MANAGER', 'AGENT', 'CREDITOR'],
  'files.work': ['ADMIN', 'MANAGER', 'AGENT'],
  'agency.home': ['ADMIN', 'MANAGER', 'AGENT'],
  'portal.home': ['CREDITOR'],
  'admin.system': ['ADMIN'],
  // Issue 18: the agency's people (invitations, roles, deactivation, ending their sessions) are an admin's.
  'staff.manage': ['ADMIN'],
  // Creditors' API keys: the agency's admins and managers for every creditor, a creditor's user for its own (issue 18).
  'apiKeys.manage': ['ADMIN', 'MANAGER', 'CREDITOR'],
  'imports.create': ['ADMIN', 'MANAGER', 'AGENT', 'CREDITOR'],
  'imports.read': ['ADMIN', 'MANAGER', 'AGENT', 'CREDITOR'],
  'mandates.manage': ['ADMIN', 'MANAGER'],
  'mandates.read': ['ADMIN', 'MANAGER', 'AGENT', 'CREDITOR'],
  'queue.read': ['ADMIN', 'MANAGER', 'AGENT'],
  'files.assign': ['ADMIN', 'MANAGER'],
  'payments.record': ['ADMIN', 'MANAGER', 'AGENT'],
  'payments.reverse': ['ADMIN', 'MANAGER'],
  'ledger.read': ['ADMIN', 'MANAGER'],
  'commission.manage': ['ADMIN', 'MANAGER'],
  'scenarios.manage': ['ADMIN', 'MANAGER'],
  'scenarios.read': ['ADMIN', 'MANAGER', 'AGENT'],
  'escalations.approve': ['ADMIN', 'MANAGER'],
  // The mandate makes the creditor advance the judicial costs: going to court is its decision too (issue 16).
  'escalations.agree': ['CREDITOR'],
  // A procedure's steps and deadlines are followed by the file's agent as well as by managers.
  'judicial.work': ['ADMIN', 'MANAGER', 'AGENT'],
  'dashboards.read': ['ADMIN', 'MANAGER'],
  'targets.manage': ['ADMIN', 'MANAGER'],
  'channelCosts.manage': ['ADMIN', 'MANAGER'],
  'rates.read': ['ADMIN', 'MANAGER'],
  // The rate tables are shared by every agency: only an admin appends to them.
  'rates.manage': ['ADMIN'],
  // CPCE R124-5: a plan beyond what the mandate lets the agency agree alone is the creditor's to decide.
  'plans.decide': ['CREDITOR'],
  // The creditors'-funds account's statements: imported by those who answer for the money, reconciled by agents too.
  'bank.import': ['ADMIN', 'MANAGER'],
  'bank.reconcile': ['ADMIN', 'MANAGER', 'AGENT'],
  // Paying the creditors' funds out (CPCE R124-6) and refunding debtors: those who answer for the money.
  'payouts.manage': ['ADMIN', 'MANAGER'],
  // A remittance's statement: the agency's managers, and the creditor it is addressed to (its portal).
  'remittances.read': ['ADMIN', 'MANAGER', 'CREDITOR'],
  // Issue 16: an agent closes files alone up to the agency's threshold; above it, and in bulk, a manager decides.
  'closings.approve': ['ADMIN', 'MANAGER'],
  // Issue 14: the claim declarations that lapsed or are about to, across the agency's files.
  'declarations.watch': ['ADMIN', 'MANAGER'],
  'closings.bulk': ['ADMIN', 'MANAGER'],
  'closings.settings': ['ADMIN', 'MANAGER'],
  // The directory of commissaires de justice and lawyers; agents hand files to them.
  'partners.manage': ['ADMIN', 'MANAGER'],
  // Issue 18: who read or changed what (the audit trail's search), and a person's data-subject rights.
  'audit.read': ['ADMIN', 'MANAGER'],
  'privacy.manage': ['ADMIN', 'MANAGER'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(actor: Pick<Actor, 'role'>, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(actor.role);
}

/** Throws NOT_FOUND rather than FORBIDDEN: a route a role may not use does not exist for it. */
export function authorize(actor: Pick<Actor, 'role'>, action: Action): void {
  if (!can(actor, action)) throw AppError.notFound();
}
