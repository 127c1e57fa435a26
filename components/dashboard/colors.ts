/** The dashboard's series colours: the same meaning keeps the same colour from one chart to the next. */
export const COLORS = {
  placed: '#94a3b8',
  recovered: '#185a4b',
  rate: '#d97706',
  collected: '#0e7490',
  count: '#6366f1',
  target: '#be123c',
};

/** For series that are many and alike (cohorts, agents' metrics). */
export const PALETTE = [
  '#185a4b',
  '#0e7490',
  '#6366f1',
  '#d97706',
  '#be123c',
  '#4d7c0f',
  '#7c3aed',
  '#0369a1',
  '#b45309',
  '#047857',
  '#9f1239',
  '#334155',
];

export const PHASE_COLOR: Record<string, string> = {
  INTAKE: '#94a3b8',
  AMICABLE: '#0e7490',
  JUDICIAL: '#7c3aed',
  CLOSED: '#185a4b',
};
