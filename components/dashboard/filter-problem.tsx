import { getTranslations } from 'next-intl/server';
import type { AppError } from '@/lib/errors/app-error';
import { reportMessageKey } from '@/lib/reports/schemas';

const FIELD_LABEL: Record<string, string> = { creditorId: 'creditor', mandateId: 'portfolio', agentId: 'agent' };

/** A refused filter, said in the user's language: the field's label and what is wrong with it. */
export async function FilterProblem({ error }: { error: AppError }) {
  const t = await getTranslations('dashboard');
  const fields = Object.entries(error.fields ?? {});
  const lines = fields.length
    ? fields.map(([field, message]) => {
        const key = reportMessageKey(message);
        const name = FIELD_LABEL[field] ?? field;
        const label = t.has(`filters.${name}` as never) ? t(`filters.${name}` as never) : field || '—';
        return t('fieldProblem', { field: label, message: key ? t(`errors.${key}` as never) : message });
      })
    : [error.message];
  return (
    <p role="alert" className="mb-4 rounded bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="dashboard-error">
      {t('invalid', { message: lines.join(' · ') })}
    </p>
  );
}
