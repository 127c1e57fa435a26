'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { markShortcutsReady, typing } from '@/components/keyboard-shortcuts';

export interface QueueRowView {
  id: string;
  reference: string;
  debtorName: string;
  creditorName: string;
  score: number;
  /** What makes the file due, then what orders it; each already in the reader's language. */
  reasons: { text: string; points: number; main: boolean }[];
  amount: string;
  age: string;
  lastContact: string;
  next: string;
}

interface Props {
  rows: QueueRowView[];
  labels: Record<'rank' | 'file' | 'reasons' | 'amount' | 'age' | 'lastContact' | 'next' | 'points', string>;
  /** The "next file" address (a page that redirects to the top of the queue); none on someone else's queue. */
  nextHref?: string;
}

/** The queue as a table the keyboard drives: j / k move, Enter opens, n opens the next file. */
export function QueueTable({ rows, labels, nextHref }: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState(0);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const tableRef = useRef<HTMLTableElement>(null);

  const open = useCallback(
    (index: number) => {
      const row = rows[index];
      if (row) router.push(`/files/${row.id}`);
    },
    [rows, router],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        setSelected((i) => Math.min(rows.length - 1, i + 1));
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        setSelected((i) => Math.max(0, i - 1));
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLAnchorElement)) {
        event.preventDefault();
        open(selected);
      } else if (event.key === 'n' && nextHref) {
        event.preventDefault();
        router.push(nextHref);
      }
    }
    window.addEventListener('keydown', onKey);
    markShortcutsReady(tableRef.current);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows.length, selected, open, router, nextHref]);

  useEffect(() => {
    rowRefs.current[selected]?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <table ref={tableRef} className="w-full text-sm" data-testid="queue-table" aria-rowcount={rows.length}>
      <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className="py-2 pr-3 text-right font-medium">{labels.rank}</th>
          <th className="py-2 pr-4 font-medium">{labels.file}</th>
          <th className="py-2 pr-4 font-medium">{labels.reasons}</th>
          <th className="py-2 pr-4 text-right font-medium">{labels.amount}</th>
          <th className="py-2 pr-4 text-right font-medium">{labels.age}</th>
          <th className="py-2 pr-4 font-medium">{labels.lastContact}</th>
          <th className="py-2 font-medium">{labels.next}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row, index) => {
          const active = index === selected;
          return (
            <tr
              key={row.id}
              ref={(el) => {
                rowRefs.current[index] = el;
              }}
              aria-selected={active}
              data-file-id={row.id}
              onClick={() => setSelected(index)}
              onDoubleClick={() => open(index)}
              className={`cursor-pointer align-top ${active ? 'bg-brand-50 outline-2 -outline-offset-2 outline-brand-600' : 'hover:bg-slate-50'}`}
            >
              <td className="py-2 pr-3 text-right font-semibold text-slate-700 tabular-nums" title={labels.points}>
                {row.score}
              </td>
              <td className="py-2 pr-4">
                <a href={`/files/${row.id}`} className="font-medium hover:underline" tabIndex={active ? 0 : -1}>
                  {row.debtorName}
                </a>
                <div className="font-mono text-xs text-slate-500">
                  {row.reference} · <span className="font-sans">{row.creditorName}</span>
                </div>
              </td>
              <td className="py-2 pr-4">
                <ul className="flex flex-wrap gap-1">
                  {row.reasons.map((r) => (
                    <li
                      key={r.text}
                      className={`rounded px-1.5 py-0.5 text-xs whitespace-nowrap ${
                        r.main ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-600'
                      }`}
                      title={`${r.points > 0 ? '+' : ''}${r.points} ${labels.points}`}
                    >
                      {r.text}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{row.amount}</td>
              <td className="py-2 pr-4 text-right text-slate-600 tabular-nums">{row.age}</td>
              <td className="py-2 pr-4 text-slate-600">{row.lastContact}</td>
              <td className="py-2 text-slate-600">{row.next}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
