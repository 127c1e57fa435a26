import { ref, type ErrorRef } from '../errors/app-error';
import { INTAKE_FIELDS, REQUIRED_FIELDS, type IntakeField } from './schemas';

export type ColumnMapping = Partial<Record<IntakeField, number>>;

export interface MappingProblem {
  field: IntakeField;
  /** What is wrong, as a catalogue reference (`errors.imports.*`) rendered in the reader's language. */
  ref: ErrorRef;
}

/** A field's name as the mapping screen shows it (`imports.fields.*`), for the problems below. */
const fieldName = (field: IntakeField) => ({ key: `imports.fields.${field}` });

// Written as creditors' exports spell them; compared after normalise() (so "N° facture" is "n facture").
const SYNONYMS: Record<IntakeField, string[]> = {
  invoiceNumber: [
    'n° facture',
    'n° de facture',
    'no facture',
    'num facture',
    'numero facture',
    'numero de facture',
    'facture',
    'invoice',
    'invoice number',
    'invoice no',
    'invoice id',
    'invoice ref',
    'ref facture',
    'reference facture',
    'piece',
    'n° piece',
    'numero de piece',
  ],
  amount: [
    'montant',
    'montant ttc',
    'montant du',
    'montant restant du',
    'montant impaye',
    'montant facture',
    'solde',
    'solde du',
    'reste a payer',
    'restant du',
    'reste du',
    'impaye',
    'total ttc',
    'amount',
    'amount due',
    'balance',
    'outstanding',
    'outstanding amount',
  ],
  dueDate: [
    'echeance',
    'date echeance',
    "date d'echeance",
    'date de l echeance',
    'date limite de paiement',
    'due date',
    'due',
    'payment due date',
  ],
  issueDate: [
    'date facture',
    'date de facture',
    'date de la facture',
    'date emission',
    "date d'emission",
    'date piece',
    'invoice date',
    'issue date',
    'date of issue',
  ],
  companyName: [
    'raison sociale',
    'societe',
    'entreprise',
    'company',
    'company name',
    'denomination',
    'denomination sociale',
    'nom societe',
    'nom de la societe',
    'nom entreprise',
    'nom commercial',
  ],
  debtorName: [
    'nom / raison sociale',
    'nom ou raison sociale',
    'raison sociale / nom',
    'nom prenom / raison sociale',
    'client',
    'nom client',
    'nom du client',
    'debiteur',
    'nom debiteur',
    'nom du debiteur',
    'tiers',
    'nom tiers',
    'nom du tiers',
    'intitule',
    'name',
    'customer',
    'customer name',
    'debtor',
    'debtor name',
  ],
  lastName: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name'],
  firstName: ['prenom', 'first name', 'firstname', 'given name'],
  siren: ['siren', 'n° siren', 'numero siren'],
  siret: ['siret', 'n° siret', 'numero siret'],
  email: [
    'email',
    'e-mail',
    'mail',
    'courriel',
    'adresse mail',
    'adresse email',
    'adresse e-mail',
    'adresse electronique',
  ],
  phone: ['telephone', 'tel', 'n° de telephone', 'portable', 'mobile', 'gsm', 'phone', 'phone number'],
  addressLine1: ['adresse', 'adresse 1', 'adresse ligne 1', 'address', 'address 1', 'address line 1', 'rue', 'street'],
  addressLine2: ['adresse 2', 'adresse ligne 2', 'complement', "complement d'adresse", 'address 2', 'address line 2'],
  postcode: ['code postal', 'cp', 'postcode', 'postal code', 'zip', 'zip code'],
  city: ['ville', 'commune', 'localite', 'city', 'town'],
  country: ['pays', 'code pays', 'country'],
  currency: ['devise', 'monnaie', 'currency'],
  nature: [
    'nature',
    'nature creance',
    'nature de la creance',
    'nature de creance',
    'type de creance',
    'type creance',
    'nature du client',
    'claim nature',
    'claim type',
    'nature of claim',
  ],
  limitationBasis: [
    'prescription',
    'fondement prescription',
    'fondement de la prescription',
    'regime de prescription',
    'type de prescription',
    'delai de prescription',
    'limitation',
    'limitation basis',
    'limitation period',
  ],
  debtorType: ['type', 'type client', 'type de client', 'type debiteur', 'categorie', 'debtor type', 'customer type'],
};

// A pre-tax amount is not what the debtor owes: "Montant HT" is never taken for the amount.
const NOT_AMOUNT = new Set(['ht', 'tva', 'vat', 'tax', 'taxe']);
// "Code client", "N° tiers", "Type client" hold a number or a category, not the debtor's name.
const NOT_NAME = new Set(['code', 'n', 'no', 'num', 'numero', 'id', 'ref', 'reference', 'compte', 'type', 'number']);

/** Lower case, accents stripped, punctuation as spaces: "N° d'échéance" → "n d echeance". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const NORMALISED = INTAKE_FIELDS.flatMap((field) =>
  SYNONYMS[field].map((synonym) => ({ field, synonym: normaliseHeader(synonym) })),
);

/**
 * The column each field most likely sits in, from the header names. An exact synonym beats a header that
 * starts with one ("Montant facture" is the amount), which beats one that merely contains one; longer
 * synonyms win ties. Each header serves at most one field.
 */
export function suggestMapping(headers: string[]): ColumnMapping {
  const candidates: { field: IntakeField; column: number; score: number }[] = [];
  headers.forEach((header, column) => {
    const name = normaliseHeader(header);
    if (!name) return;
    const words = name.split(' ');
    for (const { field, synonym } of NORMALISED) {
      if (field === 'amount' && words.some((w) => NOT_AMOUNT.has(w))) continue;
      if (field === 'debtorName' && words.some((w) => NOT_NAME.has(w))) continue;
      const rank =
        name === synonym ? 3 : `${name} `.startsWith(`${synonym} `) ? 2 : ` ${name} `.includes(` ${synonym} `) ? 1 : 0;
      if (rank > 0) candidates.push({ field, column, score: rank * 1000 + synonym.length });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== undefined || used.has(column)) continue;
    mapping[field] = column;
    used.add(column);
  }
  // A lone "Nom" column, with no first name or company column beside it, is the export's one name column:
  // persons and companies alike ("SARL Martin", "DUPONT Jean").
  if (
    mapping.lastName !== undefined &&
    mapping.firstName === undefined &&
    mapping.companyName === undefined &&
    mapping.debtorName === undefined
  ) {
    mapping.debtorName = mapping.lastName;
    delete mapping.lastName;
  }
  return mapping;
}

/** What stops a mapping from being used: required fields without a column, missing or shared columns. */
export function validateMapping(mapping: ColumnMapping, headers: string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const field of REQUIRED_FIELDS) {
    if (mapping[field] === undefined) {
      problems.push({ field, ref: ref('errors.imports.noColumn', { field: fieldName(field) }) });
    }
  }
  const owner = new Map<number, IntakeField>();
  for (const field of INTAKE_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    if (!Number.isInteger(column) || column < 0 || column >= headers.length) {
      problems.push({
        field,
        ref: ref('errors.imports.columnMissing', { field: fieldName(field), count: headers.length }),
      });
      continue;
    }
    const other = owner.get(column);
    if (other) {
      problems.push({
        field,
        ref: ref('errors.imports.columnShared', {
          column: headers[column] ?? '',
          other: fieldName(other),
          field: fieldName(field),
        }),
      });
    } else {
      owner.set(column, field);
    }
  }
  return problems;
}

/** The mapped fields of one row, values as they are in the file (the schema trims and parses them). */
export function applyMapping(cells: string[], mapping: ColumnMapping): Partial<Record<IntakeField, string>> {
  const values: Partial<Record<IntakeField, string>> = {};
  for (const field of INTAKE_FIELDS) {
    const column = mapping[field];
    if (column !== undefined) values[field] = cells[column] ?? '';
  }
  return values;
}
