import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../../lib/db/generated/client';
import type { ContactStatus } from '../../../lib/db/generated/enums';
import type { ScenarioStepInput } from '../../../lib/scenarios/schemas';
import { stepsSchema } from '../../../lib/scenarios/schemas';

// Files and scenarios for the engine's tests, written with the owner client (fixtures bypass RLS).

export const TEST_IBAN = 'FR7630006000011234567890189';

export interface FileSpec {
  kind?: 'PERSON' | 'COMPANY';
  locale?: 'fr' | 'en';
  email?: { address: string; status?: ContactStatus; optedOut?: boolean } | null;
  phone?: { number: string; status?: ContactStatus; optedOut?: boolean } | null;
  address?: boolean;
  principalCents?: number;
  placedAt?: Date;
  nature?: 'B2B' | 'CONSUMER' | 'CIVIL';
}

export async function makeDebtorFile(owner: PrismaClient, tenantId: string, spec: FileSpec = {}): Promise<string> {
  const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId }, orderBy: { code: 'asc' } });
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId, creditorId: creditor.id } });
  const kind = spec.kind ?? 'COMPANY';
  const suffix = randomUUID().slice(0, 8);
  const debtor = await owner.debtor.create({
    data: {
      tenantId,
      kind,
      displayName: kind === 'COMPANY' ? `Société Test ${suffix}` : `Jeanne Test ${suffix}`,
      ...(kind === 'COMPANY'
        ? { companyName: `Société Test ${suffix}` }
        : { firstName: 'Jeanne', lastName: `Test ${suffix}` }),
      locale: spec.locale ?? 'fr',
    },
  });
  if (spec.address ?? true)
    await owner.contactPoint.create({
      data: {
        tenantId,
        debtorId: debtor.id,
        kind: 'ADDRESS',
        line1: '12 rue des Lilas',
        postcode: '69003',
        city: 'Lyon',
        status: 'VALID',
      },
    });
  const email = spec.email === undefined ? { address: `debiteur-${suffix}@example.com` } : spec.email;
  if (email)
    await owner.contactPoint.create({
      data: {
        tenantId,
        debtorId: debtor.id,
        kind: 'EMAIL',
        email: email.address,
        status: email.status ?? 'VALID',
        optedOutAt: email.optedOut ? new Date('2027-01-01T00:00:00Z') : null,
      },
    });
  const phone = spec.phone === undefined ? { number: '+33639980001' } : spec.phone;
  if (phone)
    await owner.contactPoint.create({
      data: {
        tenantId,
        debtorId: debtor.id,
        kind: 'PHONE',
        phone: phone.number,
        status: phone.status ?? 'VALID',
        optedOutAt: phone.optedOut ? new Date('2027-01-01T00:00:00Z') : null,
      },
    });
  const file = await owner.caseFile.create({
    data: {
      tenantId,
      creditorId: creditor.id,
      debtorId: debtor.id,
      mandateId: mandate.id,
      status: 'NEW',
      phase: 'INTAKE',
      nature: spec.nature ?? (kind === 'COMPANY' ? 'B2B' : 'CONSUMER'),
      placedAt: spec.placedAt ?? new Date('2027-03-01T08:00:00Z'),
    },
  });
  await owner.claim.create({
    data: {
      tenantId,
      fileId: file.id,
      creditorId: creditor.id,
      invoiceNumber: `SCN-${suffix}`,
      nature: file.nature,
      issuedOn: new Date('2026-12-01T00:00:00Z'),
      dueOn: new Date('2026-12-31T00:00:00Z'),
      principalCents: BigInt(spec.principalCents ?? 120_000),
    },
  });
  return file.id;
}

export async function makeScenario(
  owner: PrismaClient,
  tenantId: string,
  steps: ScenarioStepInput[],
  { name = `Scénario ${randomUUID().slice(0, 6)}`, rules = {}, priority = 0 } = {},
): Promise<string> {
  const scenario = await owner.scenario.create({ data: { tenantId, name } });
  const version = await owner.scenarioVersion.create({
    data: {
      tenantId,
      scenarioId: scenario.id,
      version: 1,
      steps: stepsSchema.parse(steps),
      rules,
      priority,
      publishedAt: new Date('2027-01-01T00:00:00Z'),
    },
  });
  return version.id;
}

export const EMAIL_TEMPLATE = {
  fr: {
    subject: 'Dossier {{fileReference}} : {{amountDue}} à régler',
    body: 'Bonjour {{debtorName}}, merci de régler {{amountDue}} sur le compte {{iban}}.',
  },
};
export const SMS_TEMPLATE = { fr: { body: '{{agencyName}} : dossier {{fileReference}}, {{amountDue}} restent dus.' } };
export const CALL_TEMPLATE = { fr: { body: 'Appeler {{debtorName}} au sujet de {{amountDue}}.' } };
