import { Faker, base, en, fr } from '@faker-js/faker';
import type { ClaimNature, ContactKind, ContactStatus, DebtorKind, FilePhase, FileStatus } from '../db/generated/enums';
import { luhnValid } from '../cases/identifiers';
import { STATUS_PHASE } from '../cases/rules';
import {
  CITIES,
  COMPANY_TRADES,
  EMAIL_DOMAINS,
  FICTION_LANDLINE,
  FICTION_MOBILE,
  LEGAL_FORMS,
  type City,
} from './french-data';
import { buildTimeline, type ActivityRow } from './timeline';

// Pure builders for believable French collection data, shared by the seed and the tests. Same seed and same
// `now` give the same rows (ids aside: they come from `newId`, so the seed can use random UUIDs and
// reference rows before writing them).

export const DAY_MS = 86_400_000;

export interface FactoryContext {
  faker: Faker;
  /** Names for the few English-speaking debtors; its own seeded stream so French data does not shift. */
  fakerEn: Faker;
  now: Date;
  newId: () => string;
}

export function createFactoryContext(opts: { seed: number; now?: Date; newId?: () => string }): FactoryContext {
  return {
    faker: new Faker({ locale: [fr, base], seed: opts.seed }),
    fakerEn: new Faker({ locale: [en, base], seed: opts.seed + 1 }),
    now: opts.now ?? new Date(),
    newId: opts.newId ?? (() => crypto.randomUUID()),
  };
}

export interface DebtorRow {
  tenantId: string;
  id: string;
  kind: DebtorKind;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  siren: string | null;
  siret: string | null;
  displayName: string;
  locale: 'fr' | 'en';
  createdAt: Date;
}

export interface ContactPointRow {
  tenantId: string;
  id: string;
  debtorId: string;
  kind: ContactKind;
  label: string | null;
  line1: string | null;
  line2: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  status: ContactStatus;
  source: 'creditor' | 'agent';
  createdAt: Date;
  /** The creditor whose file brought it (source 'creditor'); null when an agent found it. */
  suppliedByCreditorId: string | null;
}

export interface CaseFileRow {
  tenantId: string;
  id: string;
  creditorId: string;
  debtorId: string;
  mandateId: string;
  assigneeId: string | null;
  phase: FilePhase;
  status: FileStatus;
  currency: string;
  placedAt: Date;
  closedAt: Date | null;
  updatedAt: Date;
}

export interface ClaimRow {
  tenantId: string;
  id: string;
  fileId: string;
  creditorId: string;
  invoiceNumber: string;
  issuedOn: Date;
  dueOn: Date;
  principalCents: number;
  currency: string;
  nature: ClaimNature;
  createdAt: Date;
}

// ---------------------------------------------------------------------------------------------- identifiers

function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error(`no Luhn check digit for ${body}`);
}

export function buildSiren(faker: Faker): string {
  // Real SIRENs start with 3 to 9 for companies registered since the 1970s.
  return withCheckDigit(String(faker.number.int({ min: 30_000_000, max: 99_999_999 })));
}

export function buildSiret(faker: Faker, siren: string): string {
  // Most establishments carry a small NIC (00012, 00027, …): the head office and a few branches.
  return withCheckDigit(siren + String(faker.number.int({ min: 1, max: 99 })).padStart(4, '0'));
}

// ------------------------------------------------------------------------------------------------- debtors

/** Faker's French surnames include "Le gall" and "Da silva"; written names capitalise each part. */
export function buildLastName(faker: Faker): string {
  return faker.person
    .lastName()
    .replace(/(^|[\s-])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

export function buildDebtor(ctx: FactoryContext, tenantId: string, createdAt: Date): DebtorRow {
  const { faker } = ctx;
  const common = { tenantId, id: ctx.newId(), createdAt };
  if (faker.datatype.boolean({ probability: 0.35 })) {
    const legalForm = faker.helpers.weightedArrayElement(LEGAL_FORMS);
    const companyName = `${faker.helpers.arrayElement(COMPANY_TRADES)} ${buildLastName(faker)} ${legalForm}`;
    const siren = buildSiren(faker);
    return {
      ...common,
      kind: 'COMPANY',
      firstName: null,
      lastName: null,
      companyName,
      siren,
      siret: buildSiret(faker, siren),
      displayName: companyName,
      locale: 'fr',
    };
  }
  const english = faker.datatype.boolean({ probability: 0.05 });
  const names = english ? ctx.fakerEn : faker;
  const firstName = names.person.firstName();
  const lastName = buildLastName(names);
  return {
    ...common,
    kind: 'PERSON',
    firstName,
    lastName,
    companyName: null,
    siren: null,
    siret: null,
    // French files list people as "DUPONT Marie": the surname is what agents search and sort by.
    displayName: `${lastName.toLocaleUpperCase('fr-FR')} ${firstName}`,
    locale: english ? 'en' : 'fr',
  };
}

// ------------------------------------------------------------------------------------------ contact points

export function asciiSlug(text: string, separator = '-'): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}

export function buildStreetLine(faker: Faker): string {
  const number = faker.number.int({ min: 1, max: 140 });
  const suffix = faker.datatype.boolean({ probability: 0.05 }) ? ' bis' : '';
  return `${number}${suffix} ${faker.location.street()}`;
}

/** Every debtor has an address; most have a phone, many an e-mail; a few are wrong or off-limits. */
export function buildContactPoints(ctx: FactoryContext, debtor: DebtorRow): ContactPointRow[] {
  const { faker } = ctx;
  const company = debtor.kind === 'COMPANY';
  const rows: ContactPointRow[] = [];
  // getFile lists contact points by created_at, so each gets its own instant, in the order written.
  const add = (fields: Partial<ContactPointRow> & Pick<ContactPointRow, 'kind' | 'status'>, at?: Date) =>
    rows.push({
      tenantId: debtor.tenantId,
      id: ctx.newId(),
      debtorId: debtor.id,
      label: null,
      line1: null,
      line2: null,
      postcode: null,
      city: null,
      country: null,
      phone: null,
      email: null,
      source: 'creditor',
      createdAt: at ?? new Date(debtor.createdAt.getTime() + rows.length * 1000),
      suppliedByCreditorId: null,
      ...fields,
    });

  const city = faker.helpers.arrayElement(CITIES);
  const addressStatus = faker.helpers.weightedArrayElement<ContactStatus>([
    { weight: 50, value: 'VALID' },
    { weight: 40, value: 'UNVERIFIED' },
    { weight: 10, value: 'RETURNED_MAIL' },
  ]);
  add({
    kind: 'ADDRESS',
    status: addressStatus,
    label: company ? 'Siège social' : 'Domicile',
    ...address(faker, city),
  });

  if (faker.datatype.boolean({ probability: 0.8 })) {
    const mobile = company
      ? faker.datatype.boolean({ probability: 0.2 })
      : faker.datatype.boolean({ probability: 0.75 });
    add({
      kind: 'PHONE',
      status: faker.helpers.weightedArrayElement<ContactStatus>([
        { weight: 45, value: 'VALID' },
        { weight: 38, value: 'UNVERIFIED' },
        { weight: 11, value: 'WRONG_NUMBER' },
        { weight: 6, value: 'DO_NOT_CONTACT' },
      ]),
      label: mobile ? 'Mobile' : company ? 'Standard' : 'Fixe',
      source: faker.datatype.boolean({ probability: 0.2 }) ? 'agent' : 'creditor',
      phone: `+33${mobile ? FICTION_MOBILE : FICTION_LANDLINE[city.zone]}${faker.string.numeric(4)}`,
    });
  }

  if (faker.datatype.boolean({ probability: company ? 0.7 : 0.5 })) {
    add({
      kind: 'EMAIL',
      status: faker.helpers.weightedArrayElement<ContactStatus>([
        { weight: 50, value: 'VALID' },
        { weight: 42, value: 'UNVERIFIED' },
        { weight: 8, value: 'DO_NOT_CONTACT' },
      ]),
      label: company ? 'Comptabilité' : 'Personnel',
      source: faker.datatype.boolean({ probability: 0.15 }) ? 'agent' : 'creditor',
      email: emailOf(faker, debtor),
    });
  }

  if (addressStatus === 'RETURNED_MAIL') {
    // The letter came back; the agent traced the debtor to a new address.
    const found = new Date(
      Math.min(
        debtor.createdAt.getTime() + faker.number.int({ min: 5, max: 60 }) * DAY_MS,
        ctx.now.getTime() - 3_600_000,
      ),
    );
    const moved = faker.helpers.arrayElement(CITIES);
    add(
      { kind: 'ADDRESS', status: 'VALID', source: 'agent', label: 'Nouvelle adresse', ...address(faker, moved) },
      found,
    );
  }
  return rows;
}

function address(faker: Faker, city: City) {
  const line2 = faker.helpers.maybe(
    () =>
      faker.helpers.arrayElement([
        `Appartement ${faker.number.int({ min: 1, max: 60 })}`,
        `Bâtiment ${faker.helpers.arrayElement(['A', 'B', 'C', 'D'])}`,
        'Résidence Les Tilleuls',
      ]),
    { probability: 0.15 },
  );
  return {
    line1: buildStreetLine(faker),
    line2: line2 ?? null,
    postcode: city.postcode,
    city: city.city,
    country: 'FR',
  };
}

function emailOf(faker: Faker, debtor: DebtorRow): string {
  const domain = faker.helpers.arrayElement(EMAIL_DOMAINS);
  if (debtor.kind === 'COMPANY') {
    const name = asciiSlug((debtor.companyName ?? '').replace(/\s+\S+$/, ''));
    return `${faker.helpers.arrayElement(['contact', 'comptabilite', 'compta'])}@${name}.${domain}`;
  }
  const local = [debtor.firstName, debtor.lastName].map((n) => asciiSlug(n ?? '', '.')).join('.');
  const digits = faker.helpers.maybe(() => String(faker.number.int({ min: 1, max: 99 })), { probability: 0.3 }) ?? '';
  return `${local}${digits}@${domain}`;
}

// ---------------------------------------------------------------------------------------------------- claims

/** Next invoice number of one creditor, e.g. "FAC-2025-004512". */
export type InvoiceNumberer = (issuedOn: Date) => string;

/**
 * Each creditor numbers in its own block of the counter, and the counter only goes up, so a number is unique
 * per creditor and across the agency (the files search expects one hit per invoice number).
 */
export function createInvoiceNumberer(faker: Faker, prefix: string, block: number): InvoiceNumberer {
  let n = block * 300_000 + faker.number.int({ min: 1_000, max: 50_000 });
  return (issuedOn) => {
    n += faker.number.int({ min: 1, max: 37 });
    return `${prefix}-${issuedOn.getUTCFullYear()}-${String(n).padStart(6, '0')}`;
  };
}

const MIN_CENTS = 3_500;
const MAX_CENTS = 2_500_000;

/** €35 to €25,000, most under a few hundred euros: squaring a uniform draw skews the log-amount low. */
export function buildAmountCents(faker: Faker): number {
  const u = faker.number.float({ min: 0, max: 1 });
  const cents = Math.round(Math.exp(Math.log(MIN_CENTS) + u * u * (Math.log(MAX_CENTS) - Math.log(MIN_CENTS))));
  return Math.min(MAX_CENTS, Math.max(MIN_CENTS, cents));
}

// ----------------------------------------------------------------------------------------------------- files

const STATUS_WEIGHTS: { weight: number; value: FileStatus }[] = [
  { weight: 12, value: 'NEW' },
  { weight: 30, value: 'IN_PROGRESS' },
  { weight: 8, value: 'PROMISE' },
  { weight: 8, value: 'PAYMENT_PLAN' },
  { weight: 5, value: 'DISPUTED' },
  { weight: 4, value: 'SUSPENDED' },
  { weight: 6, value: 'AWAITING_JUDICIAL' },
  { weight: 15, value: 'PAID' },
  { weight: 6, value: 'IRRECOVERABLE' },
  { weight: 6, value: 'WITHDRAWN' },
];

/** Oldest due date at most this many days back, so every claim falls within the two years before today. */
export const MAX_DUE_AGE_DAYS = 730;
/** Mandates start before the oldest placement the factory makes. */
export const MANDATE_AGE_DAYS = 750;

export interface FilePlacement {
  tenantId: string;
  creditor: { id: string; name: string };
  mandate: { id: string; judicial: boolean };
  /** The agency's agent: some files are assigned to them, and they log the timeline's work. */
  agentMembershipId: string | null;
  nextInvoiceNumber: InvoiceNumberer;
  /** A debtor already on file with another creditor; a new one is made when absent. */
  existingDebtor?: { debtor: DebtorRow; contactPoints: ContactPointRow[] };
}

export interface FileBundle {
  /** Null when the file reuses `existingDebtor`. */
  debtor: DebtorRow | null;
  contactPoints: ContactPointRow[];
  file: CaseFileRow;
  claims: ClaimRow[];
  activities: ActivityRow[];
}

export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** A working-hours instant (08:00–18:00 in France, roughly) on the day `days` before today. */
function workingTime(ctx: FactoryContext, daysAgo: number): Date {
  const minutes = ctx.faker.number.int({ min: 7 * 60, max: 16 * 60 + 59 });
  return new Date(addDays(startOfUtcDay(ctx.now), -daysAgo).getTime() + minutes * 60_000);
}

export function buildFileBundle(ctx: FactoryContext, placement: FilePlacement): FileBundle {
  const { faker, now } = ctx;
  let status = faker.helpers.weightedArrayElement(STATUS_WEIGHTS);
  // Without a judicial mandate the agency cannot take the file to court.
  if (status === 'AWAITING_JUDICIAL' && !placement.mandate.judicial) status = 'IN_PROGRESS';
  const phase = STATUS_PHASE[status];
  const closed = phase === 'CLOSED';

  const placedDaysAgo =
    status === 'NEW'
      ? faker.number.int({ min: 1, max: 25 })
      : faker.number.int({ min: closed ? 60 : 15, max: MAX_DUE_AGE_DAYS - 30 });
  const placedAt = workingTime(ctx, placedDaysAgo);
  const closedAt = closed ? workingTime(ctx, faker.number.int({ min: 1, max: placedDaysAgo - 20 })) : null;

  const existing = placement.existingDebtor;
  const debtor = existing ? null : buildDebtor(ctx, placement.tenantId, placedAt);
  const contactPoints = existing
    ? []
    : buildContactPoints(ctx, debtor!).map((c) => ({
        ...c,
        suppliedByCreditorId: c.source === 'creditor' ? placement.creditor.id : null,
      }));
  const debtorRow = existing?.debtor ?? debtor!;
  const contacts = existing?.contactPoints ?? contactPoints;

  const fileId = ctx.newId();
  // A company owes a business debt, a person a consumer one (the file's nature follows its claims).
  const nature: ClaimNature = debtorRow.kind === 'COMPANY' ? 'B2B' : 'CONSUMER';
  const claims = buildClaims(ctx, placement, fileId, placedAt, placedDaysAgo, nature);
  const activities = buildTimeline(ctx, {
    tenantId: placement.tenantId,
    fileId,
    status,
    debtor: debtorRow,
    creditorName: placement.creditor.name,
    claims,
    placedAt,
    end: closedAt ?? now,
    agentMembershipId: placement.agentMembershipId,
    hasPhone: contacts.some((c) => c.kind === 'PHONE' && c.status !== 'DO_NOT_CONTACT'),
    hasEmail: contacts.some((c) => c.kind === 'EMAIL' && c.status !== 'DO_NOT_CONTACT'),
  });

  const assigned = faker.datatype.boolean({ probability: status === 'NEW' ? 0.2 : 0.75 });
  const file: CaseFileRow = {
    tenantId: placement.tenantId,
    id: fileId,
    creditorId: placement.creditor.id,
    debtorId: debtorRow.id,
    mandateId: placement.mandate.id,
    assigneeId: assigned ? placement.agentMembershipId : null,
    phase,
    status,
    currency: 'EUR',
    placedAt,
    closedAt,
    updatedAt: activities.at(-1)?.occurredAt ?? placedAt,
  };
  return { debtor, contactPoints, file, claims, activities };
}

function buildClaims(
  ctx: FactoryContext,
  placement: FilePlacement,
  fileId: string,
  placedAt: Date,
  placedDaysAgo: number,
  nature: ClaimNature,
): ClaimRow[] {
  const { faker } = ctx;
  const count = faker.helpers.weightedArrayElement([
    { weight: 50, value: 1 },
    { weight: 25, value: 2 },
    { weight: 15, value: 3 },
    { weight: 10, value: 4 },
  ]);
  const placedDay = startOfUtcDay(placedAt);
  const lag = faker.number.int({ min: 30, max: Math.max(30, Math.min(240, MAX_DUE_AGE_DAYS - placedDaysAgo)) });
  const latestDue = addDays(placedDay, -5);
  let due = addDays(placedDay, -lag);
  const claims: ClaimRow[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      const next = addDays(due, faker.number.int({ min: 20, max: 40 }));
      due = next > latestDue ? (latestDue > due ? latestDue : due) : next;
    }
    const issuedOn = addDays(due, -30);
    claims.push({
      tenantId: placement.tenantId,
      id: ctx.newId(),
      fileId,
      creditorId: placement.creditor.id,
      invoiceNumber: placement.nextInvoiceNumber(issuedOn),
      issuedOn,
      dueOn: due,
      principalCents: buildAmountCents(faker),
      currency: 'EUR',
      nature,
      createdAt: placedAt,
    });
  }
  return claims;
}
