import { CourtSeat } from '../db/generated/enums';

// Where a court sits and where a creditor lives, as the claim declaration period tells places apart. Pure.
//
// C. com. R622-24 (décret n° 2005-1677, as in force):
//   al. 1 « Le délai de déclaration fixé en application de l'article L. 622-26 est de deux mois à compter de la
//          publication du jugement d'ouverture au Bulletin officiel des annonces civiles et commerciales. »
//   al. 2 « Lorsque la procédure est ouverte par une juridiction qui a son siège sur le territoire de la France
//          métropolitaine, le délai de déclaration est augmenté de deux mois pour les créanciers qui ne demeurent
//          pas sur ce territoire. »
//   al. 3 « Lorsque la procédure est ouverte par une juridiction qui a son siège dans un département ou une
//          collectivité d'outre-mer, le délai de déclaration est augmenté de deux mois pour les créanciers qui ne
//          demeurent pas dans ce département ou cette collectivité. »
// Read together: the period is extended whenever the creditor does not live on the territory of the court's seat.
// A creditor in the same overseas department as the court gets no extension (Cass. com., 13 July 2010,
// n° 09-13.103); one in metropolitan France facing a court in Martinique does, and so does one in Saint-Martin facing
// a court in Guadeloupe (a collectivity of its own since 2007). What counts is the declaring creditor's own residence
// (Cass. com., 15 October 2013, n° 12-22.008), not its mandatary's.

export const COURT_SEATS: readonly CourtSeat[] = Object.values(CourtSeat);

/** Where an address lies for R622-24: a court's seat, or anywhere else (abroad, Monaco, New Caledonia, TAAF). */
export type Territory = CourtSeat | 'ELSEWHERE';

/**
 * La Poste's overseas postcodes begin with the department's or collectivity's number; Saint-Barthélemy and
 * Saint-Martin kept one postcode each from their Guadeloupe days.
 */
const BY_POSTCODE: Record<string, CourtSeat> = { '97133': 'SAINT_BARTHELEMY', '97150': 'SAINT_MARTIN' };
const BY_PREFIX: Record<string, CourtSeat> = {
  '971': 'GUADELOUPE',
  '972': 'MARTINIQUE',
  '973': 'GUYANE',
  '974': 'REUNION',
  '975': 'SAINT_PIERRE_ET_MIQUELON',
  '976': 'MAYOTTE',
  '986': 'WALLIS_ET_FUTUNA',
  '987': 'POLYNESIE_FRANCAISE',
};

/**
 * The territory of a French postcode. Five digits are French: overseas by their prefix, other 97/98 codes (Monaco
 * 980, TAAF 984, New Caledonia 988) elsewhere, the rest metropolitan France (Corsica's 20 included). A postcode of
 * another shape is a foreign one.
 */
export function territoryOfPostcode(postcode: string): Territory {
  const code = postcode.replace(/\s/g, '');
  if (!/^\d{5}$/.test(code)) return 'ELSEWHERE';
  const overseas = BY_POSTCODE[code] ?? BY_PREFIX[code.slice(0, 3)];
  if (overseas) return overseas;
  return /^9[78]/.test(code) ? 'ELSEWHERE' : 'METROPOLE';
}

/** The ISO 3166-1 codes of the overseas departments and collectivities, which an address may carry instead of FR. */
const BY_COUNTRY: Record<string, CourtSeat> = {
  GP: 'GUADELOUPE',
  MQ: 'MARTINIQUE',
  GF: 'GUYANE',
  RE: 'REUNION',
  YT: 'MAYOTTE',
  PM: 'SAINT_PIERRE_ET_MIQUELON',
  BL: 'SAINT_BARTHELEMY',
  MF: 'SAINT_MARTIN',
  WF: 'WALLIS_ET_FUTUNA',
  PF: 'POLYNESIE_FRANCAISE',
};

/** A creditor's address as the period reads it: its country (ISO 3166-1 alpha-2) and postcode. */
export interface ResidenceAddress {
  postcode: string;
  country: string;
}

/**
 * Where a creditor lives (« demeure », R622-24): any country other than France (and its overseas codes) is elsewhere,
 * whatever its postcode looks like (Cass. com., 26 October 2022, reported by Dalloz actualité: a foreign company whose
 * empowered person was at its seat abroad gets the extension even with a branch in France); in France, the postcode
 * tells the territory.
 */
export function territoryOf(address: ResidenceAddress): Territory {
  const country = address.country.trim().toUpperCase();
  const overseas = BY_COUNTRY[country];
  if (overseas) return overseas;
  if (country !== 'FR') return 'ELSEWHERE';
  return territoryOfPostcode(address.postcode);
}

/** R622-24 al. 2 and 3: two more months when the creditor does not live on the territory of the court's seat. */
export function declarationPeriodExtended(courtSeat: CourtSeat, creditor: ResidenceAddress): boolean {
  return territoryOf(creditor) !== courtSeat;
}

/**
 * The seat to propose for a debtor's proceedings: the court of the debtor's registered office opens them (C. com.
 * R600-1), so its territory, when it is one a court sits in; the agent confirms it against the BODACC notice.
 */
export function likelyCourtSeat(debtorPostcode: string | null): CourtSeat {
  const territory = territoryOfPostcode(debtorPostcode ?? '');
  return territory === 'ELSEWHERE' ? 'METROPOLE' : territory;
}
