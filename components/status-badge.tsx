import type { FileStatus } from '@/lib/db/generated/enums';

const TONE: Record<FileStatus, string> = {
  NEW: 'bg-sky-100 text-sky-800',
  IN_PROGRESS: 'bg-brand-100 text-brand-900',
  PROMISE: 'bg-amber-100 text-amber-800',
  PAYMENT_PLAN: 'bg-violet-100 text-violet-800',
  DISPUTED: 'bg-rose-100 text-rose-800',
  SUSPENDED: 'bg-slate-200 text-slate-700',
  AWAITING_JUDICIAL: 'bg-orange-100 text-orange-800',
  PAID: 'bg-emerald-100 text-emerald-800',
  IRRECOVERABLE: 'bg-slate-300 text-slate-800',
  WITHDRAWN: 'bg-slate-100 text-slate-600',
};

export function StatusBadge({ status, label }: { status: FileStatus; label: string }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONE[status]}`}>
      {label}
    </span>
  );
}
