import type { ReactNode } from 'react';

export const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';

/** One dashboard block: its title, the definition of what it counts, its CSV export, then chart and table. */
export function Section({
  title,
  definition,
  exportHref,
  testId,
  children,
  note,
}: {
  title: string;
  definition: string;
  exportHref?: string;
  testId: string;
  children: ReactNode;
  note?: string;
}) {
  return (
    <section className={card} data-testid={testId} id={testId}>
      <div className="flex items-baseline justify-between gap-4">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {exportHref && (
          <a href={exportHref} className="text-xs font-medium text-brand-700 hover:underline" download>
            CSV
          </a>
        )}
      </div>
      <p className="mt-1 text-xs leading-relaxed text-slate-500">{definition}</p>
      {note && <p className="mt-1 text-xs italic text-slate-500">{note}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}
