import { formatDay, formatMoney } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { daysBetween } from '@/lib/dates/days';
import type { Reason } from '@/lib/workqueue/rules';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A rank reason as the agent reads it ("Promesse échue hier — 450,00 €"), from the `queue` catalogue. */
export function reasonText(t: Translate, reason: Reason, ctx: { today: string; currency: string; locale: Locale }) {
  const p = reason.params ?? {};
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(p)) {
    if (key === 'amountCents') values.amount = formatMoney(Number(value), ctx.currency, ctx.locale);
    else if (key === 'on') values.date = formatDay(String(value), ctx.locale);
    else if (key === 'kind') values.kind = t(`taskKinds.${String(value)}`);
    else values[key] = value;
  }
  // Reasons carry dates only (they stay the same from day to day); the days are counted here, from today.
  if (typeof p.on === 'string') values.days = Math.abs(daysBetween(p.on, ctx.today));
  if (reason.code === 'CALLBACK_DUE') values.late = String(p.on) < ctx.today ? 'yes' : 'no';
  return t(`reasons.${reason.code}`, values);
}
