import type { ImportStatus } from '@/lib/db/generated/enums';

const TONE: Record<ImportStatus, string> = {
  UPLOADED: 'bg-amber-100 text-amber-800',
  PREVIEWING: 'bg-sky-100 text-sky-800',
  PREVIEWED: 'bg-amber-100 text-amber-800',
  QUEUED: 'bg-sky-100 text-sky-800',
  RUNNING: 'bg-sky-100 text-sky-800',
  DONE: 'bg-emerald-100 text-emerald-800',
  FAILED: 'bg-rose-100 text-rose-800',
  REFUSED: 'bg-rose-100 text-rose-800',
};

export function ImportStatusBadge({ status, label }: { status: ImportStatus; label: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONE[status]}`}
      data-status={status}
    >
      {label}
    </span>
  );
}
