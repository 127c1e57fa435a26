import type { MandateScope } from '../db/generated/enums';

// Reference tables behind the demo factories. Everything a person could dial or write to is unroutable:
// e-mail domains are the RFC 2606 example ones, and phone numbers come from the blocks the ARCEP numbering
// plan keeps for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, 06 39 98), so a click on a
// demo number or address never reaches a real person. Postcodes and cities are real pairs.

/** Telephone zone of a French postcode's region (01 Île-de-France … 05 south-west). */
export type PhoneZone = 1 | 2 | 3 | 4 | 5;

export interface City {
  postcode: string;
  city: string;
  zone: PhoneZone;
}

export const CITIES: readonly City[] = [
  { postcode: '75011', city: 'Paris', zone: 1 },
  { postcode: '75018', city: 'Paris', zone: 1 },
  { postcode: '92100', city: 'Boulogne-Billancourt', zone: 1 },
  { postcode: '93200', city: 'Saint-Denis', zone: 1 },
  { postcode: '94000', city: 'Créteil', zone: 1 },
  { postcode: '78000', city: 'Versailles', zone: 1 },
  { postcode: '44000', city: 'Nantes', zone: 2 },
  { postcode: '35000', city: 'Rennes', zone: 2 },
  { postcode: '29200', city: 'Brest', zone: 2 },
  { postcode: '49000', city: 'Angers', zone: 2 },
  { postcode: '37000', city: 'Tours', zone: 2 },
  { postcode: '45000', city: 'Orléans', zone: 2 },
  { postcode: '76000', city: 'Rouen', zone: 2 },
  { postcode: '14000', city: 'Caen', zone: 2 },
  { postcode: '59000', city: 'Lille', zone: 3 },
  { postcode: '59100', city: 'Roubaix', zone: 3 },
  { postcode: '62000', city: 'Arras', zone: 3 },
  { postcode: '80000', city: 'Amiens', zone: 3 },
  { postcode: '51100', city: 'Reims', zone: 3 },
  { postcode: '67000', city: 'Strasbourg', zone: 3 },
  { postcode: '68100', city: 'Mulhouse', zone: 3 },
  { postcode: '54000', city: 'Nancy', zone: 3 },
  { postcode: '57000', city: 'Metz', zone: 3 },
  { postcode: '21000', city: 'Dijon', zone: 3 },
  { postcode: '25000', city: 'Besançon', zone: 3 },
  { postcode: '69003', city: 'Lyon', zone: 4 },
  { postcode: '69007', city: 'Lyon', zone: 4 },
  { postcode: '69100', city: 'Villeurbanne', zone: 4 },
  { postcode: '69200', city: 'Vénissieux', zone: 4 },
  { postcode: '69500', city: 'Bron', zone: 4 },
  { postcode: '38000', city: 'Grenoble', zone: 4 },
  { postcode: '42000', city: 'Saint-Étienne', zone: 4 },
  { postcode: '01000', city: 'Bourg-en-Bresse', zone: 4 },
  { postcode: '73000', city: 'Chambéry', zone: 4 },
  { postcode: '74000', city: 'Annecy', zone: 4 },
  { postcode: '26000', city: 'Valence', zone: 4 },
  { postcode: '63000', city: 'Clermont-Ferrand', zone: 4 },
  { postcode: '13001', city: 'Marseille', zone: 4 },
  { postcode: '13100', city: 'Aix-en-Provence', zone: 4 },
  { postcode: '06000', city: 'Nice', zone: 4 },
  { postcode: '83000', city: 'Toulon', zone: 4 },
  { postcode: '34000', city: 'Montpellier', zone: 4 },
  { postcode: '30000', city: 'Nîmes', zone: 4 },
  { postcode: '31000', city: 'Toulouse', zone: 5 },
  { postcode: '33000', city: 'Bordeaux', zone: 5 },
  { postcode: '33700', city: 'Mérignac', zone: 5 },
  { postcode: '33600', city: 'Pessac', zone: 5 },
  { postcode: '64000', city: 'Pau', zone: 5 },
  { postcode: '40000', city: 'Mont-de-Marsan', zone: 5 },
  { postcode: '17000', city: 'La Rochelle', zone: 5 },
  { postcode: '86000', city: 'Poitiers', zone: 5 },
  { postcode: '87000', city: 'Limoges', zone: 5 },
];

/** Fiction blocks as the first five digits of the national significant number (after +33). */
export const FICTION_LANDLINE: Record<PhoneZone, string> = {
  1: '19900',
  2: '26191',
  3: '35301',
  4: '46571',
  5: '53649',
};
export const FICTION_MOBILE = '63998';

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

export const COMPANY_TRADES = [
  'Boulangerie',
  'Transports',
  'Garage',
  'Plomberie',
  'Menuiserie',
  'Maçonnerie',
  'Électricité',
  'Imprimerie',
  'Boucherie',
  'Fleurs',
  'Coiffure',
  'Informatique',
  'Restaurant',
  'Pharmacie',
  'Paysages',
  'Couverture',
] as const;

export const LEGAL_FORMS = [
  { weight: 40, value: 'SARL' },
  { weight: 25, value: 'SAS' },
  { weight: 15, value: 'SASU' },
  { weight: 12, value: 'EURL' },
  { weight: 8, value: 'SA' },
];

/** A creditor the demo agencies work for; invented names, plausible trades. */
export interface CreditorProfile {
  code: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  invoicePrefix: string;
  scope: MandateScope;
  /** Share of the agency's files placed by this creditor, relative to the others. */
  weight: number;
}

export const LYON_CREDITORS: readonly CreditorProfile[] = [
  {
    code: 'ELEC-RHONE',
    name: 'Électricité du Rhône',
    address: '8 quai Perrache',
    postcode: '69002',
    city: 'Lyon',
    invoicePrefix: 'FAC',
    scope: 'AMICABLE_AND_JUDICIAL',
    weight: 45,
  },
  {
    code: 'MUT-HORIZON',
    name: 'Mutuelle Horizon',
    address: '21 cours Émile Zola',
    postcode: '69100',
    city: 'Villeurbanne',
    invoicePrefix: 'COT',
    scope: 'AMICABLE',
    weight: 35,
  },
  {
    code: 'MAT-DURAND',
    name: 'Matériaux Durand',
    address: '140 route de Vienne',
    postcode: '69008',
    city: 'Lyon',
    invoicePrefix: 'FA',
    scope: 'AMICABLE_AND_JUDICIAL',
    weight: 20,
  },
];

export const BORDEAUX_CREDITORS: readonly CreditorProfile[] = [
  {
    code: 'EAUX-GIRONDE',
    name: 'Eaux de Gironde',
    address: '5 rue Lafaurie de Monbadon',
    postcode: '33000',
    city: 'Bordeaux',
    invoicePrefix: 'FAC',
    scope: 'AMICABLE_AND_JUDICIAL',
    weight: 40,
  },
  {
    code: 'ATL-TELECOM',
    name: 'Atlantique Télécom',
    address: '32 avenue de la Marne',
    postcode: '33700',
    city: 'Mérignac',
    invoicePrefix: 'AT',
    scope: 'AMICABLE',
    weight: 40,
  },
  {
    code: 'OCEANE-LOC',
    name: 'Océane Location',
    address: '12 rue de la Scierie',
    postcode: '17000',
    city: 'La Rochelle',
    invoicePrefix: 'LOC',
    scope: 'AMICABLE_AND_JUDICIAL',
    weight: 20,
  },
];

/** Calls as an agent logs them: who answered, what came of it, the agent's own note. */
export const CALL_OUTCOMES = [
  { answeredBy: 'VOICEMAIL', outcome: 'NONE', note: 'Message laissé' },
  { answeredBy: 'NOBODY', outcome: 'NONE', note: null },
  { answeredBy: 'DEBTOR', outcome: 'NONE', note: 'Reconnaît la dette et demande un délai' },
  { answeredBy: 'DEBTOR', outcome: 'NONE', note: 'Demande le détail des factures' },
] as const;

export const FOLLOW_UP_NOTES = [
  'Adresse confirmée par le débiteur',
  'Relevé de compte transmis par le créancier',
  'Recherche de coordonnées en cours',
  'Le créancier confirme le solde dû',
  'Débiteur absent lors du passage, avis laissé',
] as const;

export const DISPUTE_REASONS = [
  'conteste le montant facturé',
  'affirme avoir déjà réglé la facture',
  'conteste la qualité de la prestation',
  'dit ne pas avoir reçu la marchandise',
] as const;

export const SUSPENSION_REASONS = [
  'Dossier de surendettement déposé à la Banque de France — poursuites suspendues',
  'Dossier suspendu à la demande du créancier',
  'Débiteur hospitalisé — reprise des relances dans trois mois',
] as const;
