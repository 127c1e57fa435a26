export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

/** The table under a chart: the same figures, readable and copyable. */
export function DataTable({
  columns,
  rows,
  testId,
  footer,
}: {
  columns: TableColumn[];
  rows: (string | number)[][];
  testId?: string;
  footer?: (string | number)[];
}) {
  const cell = (align?: 'left' | 'right') =>
    `px-2 py-1.5 ${align === 'right' ? 'text-right tabular-nums' : 'text-left'}`;
  return (
    <div className="mt-3 max-h-[30rem] overflow-auto rounded border border-slate-100" data-testid={testId}>
      <table className="w-full text-xs">
        <thead className="sticky top-0 bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c, i) => (
              // Headers wrap, so a wide table keeps its last columns in view.
              <th key={i} scope="col" className={`${cell(c.align)} min-w-16 align-bottom font-medium`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <tr key={i} className="hover:bg-slate-50">
              {r.map((v, j) => (
                <td key={j} className={`${cell(columns[j]?.align)} whitespace-nowrap`}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && (
          // Stuck to the bottom of the scrolling box: the total stays in view under a long table.
          <tfoot className="sticky bottom-0 border-t border-slate-300 bg-white font-semibold shadow-[0_-1px_0_#cbd5e1]">
            <tr>
              {footer.map((v, j) => (
                <td key={j} className={`${cell(columns[j]?.align)} whitespace-nowrap`}>
                  {v}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
