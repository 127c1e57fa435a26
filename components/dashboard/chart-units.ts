/** Charts plot euros: amounts are stored in cents. Not in charts.tsx, a client module the server cannot call. */
export const chartEuros = (cents: number) => Math.round(cents) / 100;
