import { getTranslations } from 'next-intl/server';
import { listCreditorOptions, listFiles } from '@/lib/cases/queries';
import { searchParamsToObject } from '@/lib/cases/schemas';
import { AppError } from '@/lib/errors/app-error';
import { readerProblem } from '@/lib/errors/reader';
import type { Actor } from '@/lib/tenancy/actor';
import { FileFilters } from './file-filters';
import { FilesTable } from './files-table';
import { Pagination } from './pagination';

/** The query's fields as the filters name them. */
const FILTER_LABEL: Record<string, 'search' | 'creditor' | 'phase' | 'status' | 'sort'> = {
  q: 'search',
  creditor: 'creditor',
  phase: 'phase',
  status: 'status',
  sort: 'sort',
};

interface Props {
  actor: Actor;
  searchParams: Record<string, string | string[] | undefined>;
  basePath: string;
  title: string;
}

/** The files list shared by the agency home and the creditor portal; the query layer scopes the rows. */
export async function FilesPage({ actor, searchParams, basePath, title }: Props) {
  const t = await getTranslations('files');
  const values = searchParamsToObject(searchParams);
  const creditors = await listCreditorOptions({ actor });
  let result: Awaited<ReturnType<typeof listFiles>> | null = null;
  let problem: string | null = null;
  try {
    result = await listFiles({ actor, query: values });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID') throw error;
    problem = await readerProblem(error, (field) => (FILTER_LABEL[field] ? t(FILTER_LABEL[field]) : undefined));
  }
  const { page: _page, ...filterValues } = values;
  return (
    <main className="mx-auto max-w-7xl px-6 py-8">
      <div className="mb-6 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {result && (
          <p className="text-sm text-slate-600" data-testid="files-count">
            {t('count', { total: result.total })}
          </p>
        )}
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <FileFilters basePath={basePath} values={values} creditors={creditors} />
      </section>
      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        {problem ? (
          <p role="alert" className="text-rose-700">
            {t('invalidQuery', { message: problem })}
          </p>
        ) : (
          result && (
            <>
              <FilesTable items={result.items} basePath={basePath === '/files' ? '' : basePath} />
              <Pagination
                basePath={basePath}
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
