import type { Role } from '../db/generated/enums';

/**
 * Who must sign in with a second factor (issue 18): admins and managers always — unless an operator turned it off
 * for the agency, which only the demo's agencies have — agents when their agency's admin says so, creditors'
 * users never (they may set one up).
 */
export function secondFactorRequired(
  role: Role,
  agency: { staffSecondFactor: boolean; agentSecondFactor: boolean },
): boolean {
  if (role === 'ADMIN' || role === 'MANAGER') return agency.staffSecondFactor;
  if (role === 'AGENT') return agency.agentSecondFactor;
  return false;
}
