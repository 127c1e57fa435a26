import { getLocale, getTranslations } from 'next-intl/server';
import type { AppError } from '@/lib/errors/app-error';
import { describeError } from '@/lib/errors/describe';
import { toLocale } from '@/lib/i18n/locales';

const FIELD_LABEL: Record<string, string> = { creditorId: 'creditor', mandateId: 'portfolio', agentId: 'agent' };

/** A refused filter, said in the user's language: the field's label and what is wrong with it (the one mapper). */
export async function FilterProblem({ error }: { error: AppError }) {
  const [t, locale] = await Promise.all([getTranslations('dashboard'), getLocale().then(toLocale)]);
  const shown = describeError(error, locale).body.error;
  const fields = Object.entries(shown.fields ?? {});
  const lines = fields.length
    ? fields.map(([field, message]) => {
        const name = FIELD_LABEL[field] ?? field;
        const label = t.has(`filters.${name}` as never) ? t(`filters.${name}` as never) : field || '—';
        return t('fieldProblem', { field: label, message });
      })
    : [shown.message];
  return (
    <p role="alert" className="mb-4 rounded bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="dashboard-error">
      {t('invalid', { message: lines.join(' · ') })}
    </p>
  );
}
