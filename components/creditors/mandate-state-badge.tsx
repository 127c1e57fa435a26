import type { MandateState } from '@/lib/creditors/rules';

const TONE: Record<MandateState, string> = {
  ACTIVE: 'bg-emerald-100 text-emerald-800',
  NOT_STARTED: 'bg-sky-100 text-sky-800',
  EXPIRED: 'bg-rose-100 text-rose-800',
};

export function MandateStateBadge({ state, label }: { state: MandateState; label: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONE[state]}`}
      data-state={state}
    >
      {label}
    </span>
  );
}
