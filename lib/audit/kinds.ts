// What an audit entry is, for the search and for "who looked at this person": a read of someone's data, an export
// (a download or a printout that leaves the screen), a change, or an access event (sign-in, factors, sessions).
// Derived from the action's name, so no writer can forget it; migration 20261209140000_audit_reads applied the same
// rule to the entries written before.

export const AUDIT_KINDS = ['read', 'export', 'change', 'access'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

const EXPORT = /(\.|_)(downloaded|exported|printed)$/;
const READ = /(\.|_)(viewed|read|listed|opened)$/;

export function auditKind(action: string): AuditKind {
  if (action.startsWith('auth.')) return 'access';
  if (EXPORT.test(action)) return 'export';
  if (READ.test(action)) return 'read';
  return 'change';
}
