import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Pagination } from '@/components/files/pagination';
import { auditUsers, searchAudit } from '@/lib/privacy/audit-trail';
import { AUDIT_KINDS } from '@/lib/audit/kinds';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { AppError } from '@/lib/errors/app-error';
import { readerProblem } from '@/lib/errors/reader';
import type { Actor } from '@/lib/tenancy/actor';
import { AuditTable } from './audit-table';

const field = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';
const label = 'flex flex-col gap-1 text-xs font-medium text-slate-600';
const FIELDS = ['user', 'debtor', 'kind', 'from', 'to', 'page'] as const;

/** The managers' search of the audit trail (issue 18): who read or changed what, when, from where. */
export async function AuditPage({
  actor,
  searchParams,
}: {
  actor: Actor;
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const [t, tr] = await Promise.all([getTranslations('audit'), getTranslations()]);
  const values = searchParamsToObject(searchParams);
  const users = await auditUsers(actor);
  let result: Awaited<ReturnType<typeof searchAudit>> | null = null;
  let problem: string | null = null;
  try {
    result = await searchAudit({ actor, query: values });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    problem = await readerProblem(error, (f) =>
      (FIELDS as readonly string[]).includes(f) ? t(`fields.${f as (typeof FIELDS)[number]}`) : undefined,
    );
  }
  const { page: _page, ...filterValues } = values;
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <div className="mb-2 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        {result && (
          <p className="text-sm text-slate-600" data-testid="audit-count">
            {t(result.capped ? 'countCapped' : 'count', { total: result.total })}
          </p>
        )}
      </div>
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <form method="get" action="/audit" role="search" className="flex flex-wrap items-end gap-3">
          <label className={label}>
            {t('fields.user')}
            <select name="user" defaultValue={values.user ?? ''} className={field}>
              <option value="">{t('anyone')}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} · {tr(`accounts.roles.${u.role}`)}
                </option>
              ))}
            </select>
          </label>
          <label className={`${label} min-w-56 flex-1`}>
            {t('fields.debtor')}
            <input
              type="search"
              name="debtor"
              defaultValue={values.debtor ?? ''}
              placeholder={t('debtorPlaceholder')}
              className={field}
              maxLength={100}
            />
          </label>
          <label className={label}>
            {t('fields.kind')}
            <select name="kind" defaultValue={values.kind ?? ''} className={field}>
              <option value="">{t('anyKind')}</option>
              {AUDIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            {t('fields.from')}
            <input type="date" name="from" defaultValue={values.from ?? ''} className={field} />
          </label>
          <label className={label}>
            {t('fields.to')}
            <input type="date" name="to" defaultValue={values.to ?? ''} className={field} />
          </label>
          <button className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-600">
            {t('search')}
          </button>
          <Link href="/audit" className="py-1.5 text-sm text-slate-600 underline">
            {t('reset')}
          </Link>
        </form>
      </section>
      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        {problem ? (
          <p role="alert" className="text-rose-700">
            {t('invalidQuery', { message: problem })}
          </p>
        ) : result && result.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t('empty')}</p>
        ) : (
          result && (
            <>
              <AuditTable rows={result.items} />
              <Pagination
                basePath="/audit"
                values={filterValues}
                page={result.page}
                pageSize={result.pageSize}
                total={result.total}
              />
            </>
          )
        )}
      </section>
    </main>
  );
}
