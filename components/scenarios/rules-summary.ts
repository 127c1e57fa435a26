/**
 * Assignment rules in a line a manager reads ("1 000 € to 5 000 € · companies · B2B"). Pure: the translator
 * and the money formatter are passed in, so server and client components share it.
 */
import type { AssignmentRules } from '@/lib/scenarios/schemas';

type T = (key: string, values?: Record<string, string | number>) => string;

export function rulesSummary(
  rules: AssignmentRules,
  t: T,
  money: (cents: number) => string,
  creditorName: (id: string) => string,
): string[] {
  const parts: string[] = [];
  const { minDueCents: min, maxDueCents: max } = rules;
  if (min !== undefined && max !== undefined) parts.push(t('summary.between', { min: money(min), max: money(max) }));
  else if (min !== undefined) parts.push(t('summary.atLeast', { min: money(min) }));
  else if (max !== undefined) parts.push(t('summary.below', { max: money(max) }));
  if (rules.debtorKinds) parts.push(rules.debtorKinds.map((k) => t(`debtorKindsPlural.${k}`)).join(t('summary.or')));
  if (rules.natures) parts.push(rules.natures.map((k) => t(`natures.${k}`)).join(t('summary.or')));
  if (rules.creditorIds) parts.push(t('summary.creditors', { names: rules.creditorIds.map(creditorName).join(', ') }));
  if (rules.solvency)
    parts.push(t('summary.risk', { values: rules.solvency.map((k) => t(`solvency.${k}`)).join(', ') }));
  if (rules.locales)
    parts.push(t('summary.languages', { values: rules.locales.map((k) => t(`template.language.${k}`)).join(', ') }));
  return parts.length > 0 ? parts : [t('summary.all')];
}
