import type { PostalAddress } from './types';

/** "24 rue de la République, 69002 Lyon" → street lines, postcode, city (the agency keeps its address on one line). */
export function splitAddress(oneLine: string): PostalAddress {
  const parts = oneLine
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const last = parts.at(-1) ?? '';
  const town = /^(\d{5})\s+(.+)$/.exec(last);
  if (!town) return { lines: parts, postcode: '', city: '' };
  return { lines: parts.slice(0, -1), postcode: town[1]!, city: town[2]! };
}
