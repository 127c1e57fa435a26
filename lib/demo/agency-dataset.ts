import { ibanOf } from '../bank/iban';
import { frenchVatNumber } from '../invoices/vat-number';
import type { MandateScope, RemittanceFrequency, Role } from '../db/generated/enums';
import {
  MANDATE_AGE_DAYS,
  addDays,
  buildFileBundle,
  buildLastName,
  buildSiren,
  buildStreetLine,
  createInvoiceNumberer,
  type CaseFileRow,
  type ClaimRow,
  type ContactPointRow,
  type DebtorRow,
  type FactoryContext,
} from './factories';
import { CITIES, LYON_CREDITORS, type CreditorProfile } from './french-data';
import type { ActivityRow } from './timeline';

// Everything one demo agency holds, as rows ready for createMany, built without touching the database.

export interface AgencyRow {
  id: string;
  slug: string;
  name: string;
  legalName: string;
  siren: string;
  address: string;
  creditorFundsIban: string;
  /** False for the demo's agencies only: their people sign in with a password alone (decision 0019). */
  staffSecondFactor?: boolean;
  /** What its invoices name it by (Code de commerce R123-237, CGI art. 242 nonies A). */
  legalForm: string;
  shareCapitalCents: bigint;
  rcs: string;
  vatNumber: string;
}

export interface IdentityRow {
  id: string;
  email: string;
  passwordHash: string;
  name: string;
  locale: 'fr' | 'en';
}

export interface MembershipRow {
  tenantId: string;
  id: string;
  identityId: string;
  role: Role;
  creditorId: string | null;
}

export interface CreditorRow {
  tenantId: string;
  id: string;
  code: string;
  name: string;
  siren: string;
  address: string;
  postcode: string;
  city: string;
  vatNumber: string;
}

export interface MandateRow {
  tenantId: string;
  id: string;
  creditorId: string;
  reference: string;
  scope: MandateScope;
  startsOn: Date;
  endsOn: Date | null;
  commissionAmicableBps: number;
  commissionJudicialBps: number | null;
  fixedFeeCents: bigint;
  guaranteeReference: string;
  remittanceFrequency: RemittanceFrequency;
  remittanceDeadlineDays: number;
  payoutIban: string;
  payoutBic: string;
  remittanceMode: 'NET' | 'GROSS';
}

export interface AgencyDataset {
  agency: AgencyRow;
  identities: IdentityRow[];
  memberships: MembershipRow[];
  creditors: CreditorRow[];
  mandates: MandateRow[];
  debtors: DebtorRow[];
  contactPoints: ContactPointRow[];
  /** In placement order, so the database's running file references follow it. */
  files: CaseFileRow[];
  claims: ClaimRow[];
  activities: ActivityRow[];
}

export interface AgencySpec {
  slug: string;
  name: string;
  legalName?: string;
  /** One line, e.g. "24 rue de la République, 69002 Lyon". */
  address?: string;
  files: number;
  creditors?: readonly CreditorProfile[];
  passwordHash: string;
  staffSecondFactor?: boolean;
}

/** Commission rates agencies commonly charge on sums recovered, by phase, and a file-opening fee. */
const DEMO_MANDATE_TERMS = [
  { amicableBps: 1500, judicialBps: 1800, fixedFeeCents: 0n },
  { amicableBps: 1200, judicialBps: 1500, fixedFeeCents: 3500n },
  { amicableBps: 1650, judicialBps: 1800, fixedFeeCents: 0n },
] as const;

export const STAFF_ROLES: readonly Role[] = ['ADMIN', 'MANAGER', 'AGENT', 'CREDITOR'];

/** Demo sign-in address of a role, e.g. agent@alpha.demo. */
export function staffEmail(role: Role, slug: string): string {
  return `${role.toLowerCase()}@${slug}.demo`;
}

export function buildAgencyDataset(ctx: FactoryContext, spec: AgencySpec): AgencyDataset {
  const { faker } = ctx;
  const tenantId = ctx.newId();
  const profiles = spec.creditors ?? LYON_CREDITORS;
  if (profiles.length === 0) throw new Error('an agency needs at least one creditor');

  const home = faker.helpers.arrayElement(CITIES);
  const siren = buildSiren(faker);
  const legalName = spec.legalName ?? `${spec.name} SAS`;
  const agency: AgencyRow = {
    id: tenantId,
    slug: spec.slug,
    name: spec.name,
    legalName,
    siren,
    address: spec.address ?? `${buildStreetLine(faker)}, ${home.postcode} ${home.city}`,
    // A well-formed example IBAN (checksum valid, bank code of no real account): letters print it.
    creditorFundsIban: 'FR7630006000011234567890189',
    ...(spec.staffSecondFactor === undefined ? {} : { staffSecondFactor: spec.staffSecondFactor }),
    // Derived, not drawn: the rest of the demo data stays as it was.
    legalForm: /\bSARL$/.test(legalName) ? 'SARL' : 'SAS',
    shareCapitalCents: 5_000_000n,
    rcs: `RCS ${home.city} ${siren.replace(/(\d{3})(?=\d)/g, '$1 ')}`,
    vatNumber: frenchVatNumber(siren),
  };

  const creditors: CreditorRow[] = profiles.map((p) => {
    const creditorSiren = buildSiren(faker);
    return {
      tenantId,
      id: ctx.newId(),
      code: p.code,
      name: p.name,
      siren: creditorSiren,
      address: p.address,
      postcode: p.postcode,
      city: p.city,
      vatNumber: frenchVatNumber(creditorSiren),
    };
  });

  const startsOn = firstOfMonth(addDays(ctx.now, -MANDATE_AGE_DAYS));
  // One professional-liability contract covers the whole agency (CPCE R124-3), so every mandate quotes it.
  const guaranteeReference = `RCP-HISCOX-${startsOn.getUTCFullYear()}-${agency.siren.slice(-5)}`;
  const mandates: MandateRow[] = profiles.map((p, i) => {
    // Terms picked by position, not drawn from faker, so the rest of the demo data stays as it was.
    const terms = DEMO_MANDATE_TERMS[i % DEMO_MANDATE_TERMS.length]!;
    return {
      tenantId,
      id: ctx.newId(),
      creditorId: creditors[i]!.id,
      reference: `MDT-${p.code}-${startsOn.getUTCFullYear()}`,
      scope: p.scope,
      startsOn,
      endsOn: null,
      commissionAmicableBps: terms.amicableBps,
      commissionJudicialBps: p.scope === 'AMICABLE_AND_JUDICIAL' ? terms.judicialBps : null,
      fixedFeeCents: terms.fixedFeeCents,
      guaranteeReference,
      remittanceFrequency: 'MONTHLY',
      remittanceDeadlineDays: 30,
      // Well-formed example accounts (check digits right, no real bank account): the remittances' transfer file.
      payoutIban: ibanOf(
        'FR',
        `3000400${String(i + 1).padStart(3, '0')}${String(10_000_000_000 + i * 7919).slice(-11)}00`,
      ),
      payoutBic: 'BNPAFRPPXXX',
      // Every third creditor is paid gross and invoiced for the commission.
      remittanceMode: i % 3 === 2 ? 'GROSS' : 'NET',
    };
  });

  const identities: IdentityRow[] = [];
  const memberships: MembershipRow[] = [];
  for (const role of STAFF_ROLES) {
    const identity: IdentityRow = {
      id: ctx.newId(),
      email: staffEmail(role, spec.slug),
      passwordHash: spec.passwordHash,
      name: `${faker.person.firstName()} ${buildLastName(faker)}`,
      locale: 'fr',
    };
    identities.push(identity);
    memberships.push({
      tenantId,
      id: ctx.newId(),
      identityId: identity.id,
      role,
      // The creditor user works for the first creditor; staff belong to none (a database check).
      creditorId: role === 'CREDITOR' ? creditors[0]!.id : null,
    });
  }
  const agentMembershipId = memberships.find((m) => m.role === 'AGENT')?.id ?? null;

  const numberers = profiles.map((p, i) => createInvoiceNumberer(faker, p.invoicePrefix, i));
  const weighted = profiles.map((p, i) => ({ weight: p.weight, value: i }));
  const out: Omit<AgencyDataset, 'agency' | 'identities' | 'memberships' | 'creditors' | 'mandates'> = {
    debtors: [],
    contactPoints: [],
    files: [],
    claims: [],
    activities: [],
  };
  const known: { debtor: DebtorRow; contactPoints: ContactPointRow[]; creditorIndex: number; reused: boolean }[] = [];

  for (let i = 0; i < spec.files; i++) {
    // The first files go one to each creditor, so even a tiny agency has files for every creditor user.
    const c = i < profiles.length ? i : faker.helpers.weightedArrayElement(weighted);
    const existing = pickReusedDebtor(ctx, known, c, i);
    const bundle = buildFileBundle(ctx, {
      tenantId,
      creditor: { id: creditors[c]!.id, name: creditors[c]!.name },
      mandate: { id: mandates[c]!.id, judicial: profiles[c]!.scope === 'AMICABLE_AND_JUDICIAL' },
      agentMembershipId,
      nextInvoiceNumber: numberers[c]!,
      existingDebtor: existing,
    });
    if (bundle.debtor) {
      out.debtors.push(bundle.debtor);
      out.contactPoints.push(...bundle.contactPoints);
      known.push({ debtor: bundle.debtor, contactPoints: bundle.contactPoints, creditorIndex: c, reused: false });
    }
    out.files.push(bundle.file);
    out.claims.push(...bundle.claims);
    out.activities.push(...bundle.activities);
  }
  out.files.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());

  return { agency, identities, memberships, creditors, mandates, ...out };
}

/** Now and then a debtor already owes another creditor of the agency: one person, two files. */
function pickReusedDebtor(
  ctx: FactoryContext,
  known: { debtor: DebtorRow; contactPoints: ContactPointRow[]; creditorIndex: number; reused: boolean }[],
  creditorIndex: number,
  fileIndex: number,
): { debtor: DebtorRow; contactPoints: ContactPointRow[] } | undefined {
  if (fileIndex < 10 || !ctx.faker.datatype.boolean({ probability: 0.06 })) return undefined;
  const candidates = known.filter((k) => k.creditorIndex !== creditorIndex && !k.reused);
  if (candidates.length === 0) return undefined;
  const chosen = ctx.faker.helpers.arrayElement(candidates);
  chosen.reused = true;
  return chosen;
}

function firstOfMonth(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}
