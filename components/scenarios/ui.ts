/** Shared Tailwind classes of the scenario screens (the same look as the mandate and assignment forms). */
export const control =
  'mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none aria-invalid:border-rose-500 aria-invalid:bg-rose-50 disabled:bg-slate-50 disabled:text-slate-600';
export const label = 'block text-xs font-medium text-slate-600';
export const legend = 'text-xs font-medium text-slate-600';
export const fieldError = 'mt-1 text-xs text-rose-700';
export const hint = 'mt-1 text-xs text-slate-500';
export const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
export const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';
export const smallButton =
  'rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 hover:bg-slate-50 focus:ring-2 focus:ring-brand-600 focus:outline-none disabled:opacity-40';
export const primaryButton =
  'rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-600 focus:ring-2 focus:ring-brand-600 focus:ring-offset-2 focus:outline-none disabled:opacity-60';
export const secondaryButton =
  'rounded border border-brand-700 bg-white px-4 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 focus:ring-2 focus:ring-brand-600 focus:ring-offset-2 focus:outline-none disabled:opacity-50';
