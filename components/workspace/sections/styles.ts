/** The card and heading every section of the file page shares. */
export const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
export const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';
