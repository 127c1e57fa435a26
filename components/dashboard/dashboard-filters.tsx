import { getTranslations } from 'next-intl/server';
import { FilePhase, FileStatus } from '@/lib/db/generated/enums';
import { AGE_BANDS } from '@/lib/reports/rules';
import { BREAKDOWNS, GRAINS } from '@/lib/reports/schemas';

interface Props {
  basePath: string;
  /** The URL's filter values as given (so a refused value is shown back as typed). */
  values: Record<string, string>;
  /** The filters in force (defaults filled in), for the date fields. */
  from: string;
  to: string;
  creditors: { id: string; name: string }[];
  mandates: { id: string; reference: string; creditorId: string }[];
  staff: { id: string; name: string }[];
  portal: boolean;
}

const field = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';
const label = 'flex flex-col gap-1 text-xs font-medium text-slate-600';

/** A GET form: the filters live in the URL, so a dashboard can be bookmarked, shared and reloaded. */
export async function DashboardFilters({ basePath, values, from, to, creditors, mandates, staff, portal }: Props) {
  const t = await getTranslations('dashboard');
  const tl = await getTranslations('dashboard.labels');
  const tp = await getTranslations('phase');
  const ts = await getTranslations('status');
  const creditorName = new Map(creditors.map((c) => [c.id, c.name]));
  return (
    <form
      method="get"
      action={basePath}
      role="search"
      className="flex flex-wrap items-end gap-3"
      data-testid="dashboard-filters"
    >
      <label className={label}>
        {t('filters.from')}
        <input type="date" name="from" defaultValue={values.from ?? from} className={field} />
      </label>
      <label className={label}>
        {t('filters.to')}
        <input type="date" name="to" defaultValue={values.to ?? to} className={field} />
      </label>
      {!portal && (
        <label className={label}>
          {t('filters.creditor')}
          <select name="creditorId" defaultValue={values.creditorId ?? ''} className={field}>
            <option value="">{t('filters.all')}</option>
            {creditors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {mandates.length > 1 && (
        <label className={label}>
          {t('filters.portfolio')}
          <select name="mandateId" defaultValue={values.mandateId ?? ''} className={field}>
            <option value="">{t('filters.all')}</option>
            {mandates.map((m) => (
              <option key={m.id} value={m.id}>
                {portal ? m.reference : `${creditorName.get(m.creditorId) ?? ''} — ${m.reference}`}
              </option>
            ))}
          </select>
        </label>
      )}
      {!portal && (
        <label className={label}>
          {t('filters.agent')}
          <select name="agentId" defaultValue={values.agentId ?? ''} className={field}>
            <option value="">{t('filters.all')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className={label}>
        {t('filters.phase')}
        <select name="phase" defaultValue={values.phase ?? ''} className={field}>
          <option value="">{t('filters.all')}</option>
          {Object.values(FilePhase).map((p) => (
            <option key={p} value={p}>
              {tp(p)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t('filters.status')}
        <select name="status" defaultValue={values.status ?? ''} className={field}>
          <option value="">{t('filters.all')}</option>
          {Object.values(FileStatus).map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t('filters.ageBand')}
        <select name="ageBand" defaultValue={values.ageBand ?? ''} className={field}>
          <option value="">{t('filters.all')}</option>
          {AGE_BANDS.map((b) => (
            <option key={b.key} value={b.key}>
              {tl(`ageBands.${b.key}` as never)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t('filters.by')}
        <select name="by" defaultValue={values.by ?? (portal ? 'phase' : 'creditor')} className={field}>
          {BREAKDOWNS.filter((b) => !portal || (b !== 'agent' && b !== 'creditor')).map((b) => (
            <option key={b} value={b}>
              {tl(`by.${b}` as never)}
            </option>
          ))}
        </select>
      </label>
      {!portal && (
        <label className={label}>
          {t('filters.grain')}
          <select name="grain" defaultValue={values.grain ?? 'month'} className={field}>
            {GRAINS.map((g) => (
              <option key={g} value={g}>
                {t(`grains.${g}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900"
        >
          {t('filters.apply')}
        </button>
        <a href={basePath} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {t('filters.reset')}
        </a>
      </div>
    </form>
  );
}
