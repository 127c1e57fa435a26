import { z } from 'zod';
import { companyKey, normaliseEmail, personKey } from '../cases/debtor-key';
import { isValidSiren, isValidSiret } from '../cases/identifiers';
import type { LimitationBasis } from '../compliance/limitation';
import type { ClaimNature, DebtorKind } from '../db/generated/enums';
import { keyWith } from '../errors/keys';
import { translate } from '../i18n/translate';
import { looksLikeFormula } from '../csv/cells';
import { parseDay } from '../dates/parse-day';
import { parseAmountToCents } from '../money/parse-amount';
import { splitDebtorName } from './debtor-name';
import { digitsOnly } from './values';

/** The fields a receivable list or an API item may carry; spreadsheet columns are mapped onto these. */
export const INTAKE_FIELDS = [
  'debtorType',
  'debtorName',
  'companyName',
  'firstName',
  'lastName',
  'siren',
  'siret',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'postcode',
  'city',
  'country',
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'amount',
  'currency',
  'nature',
  'limitationBasis',
] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];
export const REQUIRED_FIELDS: readonly IntakeField[] = ['invoiceNumber', 'dueDate', 'amount'];

export interface IntakeItem {
  debtor: {
    kind: DebtorKind;
    companyName: string | null;
    firstName: string | null;
    lastName: string | null;
    siren: string | null;
    siret: string | null;
    displayName: string;
    matchKey: string;
    email: string | null;
    phone: string | null;
    address: { line1: string; line2: string | null; postcode: string; city: string; country: string } | null;
  };
  claim: {
    invoiceNumber: string;
    issuedOn: string;
    dueOn: string;
    principalCents: number;
    currency: string;
    /** From the file's nature column; null when it has none (the mandate's default, else the debtor's type, decides). */
    nature: ClaimNature | null;
    /** From the file's limitation column; null when it has none (the claim's nature gives the default basis). */
    limitationBasis: LimitationBasis | null;
  };
  /**
   * Identifiers that did not check out (a SIREN's check digit, an e-mail, a phone): the row is imported all the
   * same, the value is left out of the debtor (never matched on, watched or written to) and kept here.
   */
  warnings: IntakeWarning[];
}

export interface IntakeWarning {
  field: IntakeField;
  key: string;
  values: Record<string, string>;
}

const cell = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() || undefined : v),
  z
    .string({ error: 'reasons.row.notText' })
    .max(500, keyWith('reasons.row.tooLong', { max: 500 }))
    .optional(),
);
const amountCell = z.union([z.number(), z.string().trim()], { error: 'reasons.row.notAmountType' }).optional();

const rawItemShape = Object.fromEntries(INTAKE_FIELDS.map((f) => [f, f === 'amount' ? amountCell : cell])) as {
  [K in IntakeField]: K extends 'amount' ? typeof amountCell : typeof cell;
};

const COMPANY_WORDS = /^(c|e|company|entreprise|société|societe|pro|professionnel|b2b|pm|personne morale)$/i;
const PERSON_WORDS = /^(p|person|particulier|individual|b2c|pp|personne physique|consumer|consommateur)$/i;
const EMAIL = z.string().email();
// A claim's nature as exports write it: between professionals, owed by a consumer, or civil (a private landlord).
const CLAIM_NATURE_WORDS: readonly [RegExp, ClaimNature][] = [
  [/^(b2b|btob|pro|professionnel(le)?|professional|commercial(e)?|business|entreprise|inter ?entreprises?)$/i, 'B2B'],
  [/^(b2c|btoc|consumer|consommateur|consommation|particulier|conso)$/i, 'CONSUMER'],
  [/^(civil(e)?|civil claim|bail|loyer|bailleur prive|private landlord)$/i, 'CIVIL'],
];

// A claim's limitation basis as a creditor writes it: the code, the article, or the kind of debt it is. Checked in
// this order, so "crédit à la consommation" is a credit before it is a consumer sale.
const LIMITATION_BASIS_WORDS: readonly [RegExp, LimitationBasis][] = [
  [
    /^(consumer credit|credit (a la )?consommation|credit conso|pret (a la )?consommation|r ?312 35|forclusion)$/i,
    'CONSUMER_CREDIT',
  ],
  [/^(court title|judgment|judgement|titre( executoire)?|jugement|decision de justice|l ?111 4)$/i, 'COURT_TITLE'],
  [/^(transport|carriage|l ?133 6)$/i, 'TRANSPORT'],
  [/^(residential rent|rent|bail( d habitation)?|loyers?|loi 89 462)$/i, 'RESIDENTIAL_RENT'],
  [/^(consumer|consommation|consommateur|conso|l ?218 2)$/i, 'CONSUMER'],
  [/^(commercial(e)?|commerce|l ?110 4)$/i, 'COMMERCIAL'],
  [/^(civil(e)?|2224)$/i, 'CIVIL'],
];

/** The limitation basis a cell names (a code such as CONSUMER_CREDIT, or words), or undefined when it names none. */
export function limitationBasisOf(cell: string): LimitationBasis | undefined {
  const text = cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/[\s_'’.-]+/g, ' ');
  return LIMITATION_BASIS_WORDS.find(([words]) => words.test(text))?.[1];
}

/** The nature a cell names, or undefined when it names none. */
export function claimNatureOf(cell: string): ClaimNature | undefined {
  const text = cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/[\s_-]+/g, ' ');
  return CLAIM_NATURE_WORDS.find(([words]) => words.test(text))?.[1];
}

function frenchPhone(input: string): string | null {
  const d = input.replace(/[\s.()-]/g, '');
  if (/^\+\d{8,15}$/.test(d)) return d;
  if (/^00\d{8,15}$/.test(d)) return `+${d.slice(2)}`;
  if (/^0[1-9]\d{8}$/.test(d)) return `+33${d.slice(1)}`;
  return null;
}

const rawItem = z.object(rawItemShape).strict();
type RawItem = z.output<typeof rawItem>;
type Report = (path: IntakeField, key: string, values?: Record<string, string>) => void;

/**
 * The one definition of an intake item: the CSV/XLSX row (after column mapping) and the API item alike.
 * `today` (the agency's calendar day) refuses due dates in the future.
 */
export function intakeItemSchema(today: string) {
  return rawItem.transform((raw, ctx): IntakeItem => {
    // English for the API and the command line; the catalogue key travels in params for French screens.
    const issue: Report = (path, key, values) => {
      const ref = { key: `row.${key}`, values };
      ctx.addIssue({ code: 'custom', path: [path], message: translate(ref), params: { ref } });
    };
    return itemFrom(raw, today, issue) ?? z.NEVER;
  });
}

/** The schema's checks and conversions once each field is text: the item, or null when `report` was called. */
function itemFrom(raw: RawItem, today: string, report: Report): IntakeItem | null {
  let issues = 0;
  const issue: Report = (path, key, values) => {
    issues += 1;
    report(path, key, values);
  };
  for (const field of INTAKE_FIELDS) {
    const value = raw[field];
    if (typeof value === 'string' && field !== 'amount' && looksLikeFormula(value, field)) {
      issue(field, 'formula', { char: value[0]! });
    }
  }
  for (const field of REQUIRED_FIELDS) if (raw[field] === undefined || raw[field] === '') issue(field, 'required');

  const cents = raw.amount === undefined || raw.amount === '' ? null : parseAmountToCents(raw.amount);
  if (raw.amount !== undefined && raw.amount !== '') {
    if (cents === null) issue('amount', 'notAmount', { value: String(raw.amount) });
    else if (cents <= 0) issue('amount', 'notPositive');
  }
  const dueOn = raw.dueDate ? parseDay(raw.dueDate) : null;
  if (raw.dueDate && !dueOn) issue('dueDate', 'notDueDate', { value: raw.dueDate });
  if (dueOn && dueOn > today) issue('dueDate', 'futureDue', { date: dueOn, value: raw.dueDate! });
  const issuedOn = raw.issueDate ? parseDay(raw.issueDate) : dueOn;
  if (raw.issueDate && !issuedOn) issue('issueDate', 'notIssueDate', { value: raw.issueDate });
  if (issuedOn && dueOn && issuedOn > dueOn) issue('issueDate', 'issueAfterDue');
  const currency = (raw.currency ?? 'EUR').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) issue('currency', 'currency');
  if (raw.invoiceNumber && raw.invoiceNumber.length > 64) issue('invoiceNumber', 'tooLong', { max: '64' });
  const nature = raw.nature ? claimNatureOf(raw.nature) : undefined;
  if (raw.nature && !nature) issue('nature', 'claimNature', { value: raw.nature });
  const limitationBasis = raw.limitationBasis ? limitationBasisOf(raw.limitationBasis) : undefined;
  if (raw.limitationBasis && !limitationBasis)
    issue('limitationBasis', 'limitationBasis', { value: raw.limitationBasis });

  const warnings: IntakeWarning[] = [];
  const warn = (field: IntakeField, key: string, value: string) =>
    warnings.push({ field, key: `row.${key}`, values: { value } });
  // A mistyped identifier does not make a debt go away: the row goes in, the identifier does not.
  // A number of the right length whose check digit fails was mistyped; one of another length is not a number.
  let siren = raw.siren ? digitsOnly(raw.siren) : null;
  let siret = raw.siret ? digitsOnly(raw.siret) : null;
  if (siren && !isValidSiren(siren)) {
    warn('siren', /^\d{9}$/.test(siren) ? 'sirenCheck' : 'siren', raw.siren!);
    siren = null;
  }
  if (siret && !isValidSiret(siret)) {
    warn('siret', /^\d{14}$/.test(siret) ? 'siretCheck' : 'siret', raw.siret!);
    siret = null;
  }
  if (siret && siren && !siret.startsWith(siren)) {
    warn('siret', 'siretNotSiren', raw.siret!);
    siret = null;
  }
  siren ??= siret ? siret.slice(0, 9) : null;
  // Digits in an identifier column say a company, even mistyped ones ("N/A" says nothing).
  const hasCompanyId = Boolean((raw.siren && digitsOnly(raw.siren)) || (raw.siret && digitsOnly(raw.siret)));

  const type = raw.debtorType ?? '';
  if (type && !COMPANY_WORDS.test(type) && !PERSON_WORDS.test(type)) {
    issue('debtorType', 'debtorType', { value: type });
  }
  const typed: DebtorKind | undefined = COMPANY_WORDS.test(type)
    ? 'COMPANY'
    : PERSON_WORDS.test(type)
      ? 'PERSON'
      : undefined;
  let { companyName, firstName, lastName } = raw;
  // One column for persons and companies (an accounting export's "Client"): the name itself says which.
  if (raw.debtorName && !companyName && !lastName) {
    const split = splitDebtorName(raw.debtorName, typed ?? (hasCompanyId ? 'COMPANY' : undefined));
    if (split.kind === 'COMPANY') companyName = split.companyName;
    else {
      lastName = split.lastName;
      firstName ??= split.firstName ?? undefined;
    }
  }
  const kind: DebtorKind = typed ?? (hasCompanyId || companyName ? 'COMPANY' : 'PERSON');
  const nameColumn = 'debtorName' in raw && !raw.companyName && !raw.lastName;
  if (kind === 'COMPANY' && !companyName) issue(nameColumn ? 'debtorName' : 'companyName', 'requiredCompany');
  if (kind === 'PERSON' && !lastName) issue(nameColumn ? 'debtorName' : 'lastName', 'requiredPerson');

  let email = normaliseEmail(raw.email);
  if (email && !EMAIL.safeParse(email).success) {
    warn('email', 'email', raw.email!);
    email = null;
  }
  const phone = raw.phone ? frenchPhone(raw.phone) : null;
  if (raw.phone && !phone) warn('phone', 'phone', raw.phone);
  const country = (raw.country ?? 'FR').toUpperCase().slice(0, 2);
  const spaceless = raw.postcode?.replace(/\s+/g, '') ?? null;
  // A spreadsheet that stored "01000" as a number gives 1000: French postcodes always have five digits.
  const postcode = spaceless && country === 'FR' && /^\d{4}$/.test(spaceless) ? `0${spaceless}` : spaceless;
  if (postcode && country === 'FR' && !/^\d{5}$/.test(postcode))
    issue('postcode', 'postcode', { value: raw.postcode! });
  if (kind === 'PERSON' && !postcode) issue('postcode', 'postcodeForPerson');
  const hasAddress = Boolean(raw.addressLine1 && postcode && raw.city);
  if (raw.addressLine1 && !hasAddress) issue(raw.city ? 'postcode' : 'city', 'withAddress');

  if (issues > 0) return null;
  const displayName =
    kind === 'COMPANY' ? companyName! : [lastName!.toUpperCase(), firstName].filter(Boolean).join(' ');
  return {
    debtor: {
      kind,
      companyName: kind === 'COMPANY' ? companyName! : null,
      firstName: kind === 'PERSON' ? (firstName ?? null) : null,
      lastName: kind === 'PERSON' ? lastName! : null,
      siren: kind === 'COMPANY' ? siren : null,
      siret: kind === 'COMPANY' ? siret : null,
      displayName,
      matchKey:
        kind === 'COMPANY' && siren
          ? companyKey(siren)
          : kind === 'COMPANY'
            ? personKey(null, companyName!, postcode ?? '').replace(/^P:/, 'C:')
            : personKey(firstName, lastName!, postcode!),
      email,
      phone,
      address: hasAddress
        ? {
            line1: raw.addressLine1!,
            line2: raw.addressLine2 ?? null,
            postcode: postcode!,
            city: raw.city!,
            country,
          }
        : null,
    },
    claim: {
      invoiceNumber: raw.invoiceNumber!,
      issuedOn: issuedOn!,
      dueOn: dueOn!,
      principalCents: cents!,
      currency,
      nature: nature ?? null,
      limitationBasis: limitationBasis ?? null,
    },
    warnings,
  };
}

/**
 * intakeItemSchema(today).safeParse for the rows of a file, about twice as fast: a row of text cells (what
 * every reader gives) goes through the same checks (itemFrom) after the same trimming as the schema's field
 * checks, without zod's machinery. Anything else, and any row with an issue, is judged by the schema itself,
 * so results and messages are the schema's (tests/unit/import-item-parser.test.ts compares them).
 */
export function intakeItemParser(today: string) {
  const schema = intakeItemSchema(today);
  const ignore: Report = () => {};
  return {
    safeParse(input: unknown) {
      const raw = textCells(input);
      const item = raw && itemFrom(raw, today, ignore);
      return item ? { success: true as const, data: item } : schema.safeParse(input);
    },
  };
}

/** What the schema's field checks make of an object of strings, or null when only the schema may say. */
function textCells(input: unknown): RawItem | null {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return null;
  const cells = input as Record<string, unknown>;
  const raw: Record<string, string | undefined> = {};
  let given = 0;
  for (const field of INTAKE_FIELDS) {
    const value = cells[field];
    if (value === undefined) {
      if (field in cells) return null;
      continue;
    }
    if (typeof value !== 'string') return null;
    given += 1;
    const text = value.trim();
    if (field === 'amount') raw[field] = text;
    else if (text.length > 500) return null;
    else raw[field] = text || undefined;
  }
  // A field the schema does not know (strict).
  if (Object.keys(cells).length !== given) return null;
  return raw as RawItem;
}
