import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFile } from '../../lib/cases/queries';
import { inTenantRaw, pgTx } from '../../lib/db/raw';
import { inTenant } from '../../lib/db/tenant';
import { seedAgency } from '../../lib/demo/seed-agency';
import { authenticateApiKey, createApiKey } from '../../lib/imports/api-keys';
import { confirmImport } from '../../lib/imports/confirm-import';
import { intakeClaims } from '../../lib/imports/intake-claims';
import { previewImport } from '../../lib/imports/preview-import';
import { processImport } from '../../lib/imports/process-import';
import { uploadReceivables } from '../../lib/imports/upload-receivables';
import { debtorAddressee } from '../../lib/payments/letter-parties';
import { contactFor, loadStepFacts } from '../../lib/scenarios/step-facts';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerDb, uniqueSlug } from './support/db';

// Issue 13 §3: the import matches debtors agency-wide (SIREN), so a creditor could upload one invoice carrying
// another company's SIREN, read every phone, e-mail and address the agency gathered for other creditors, and
// slip its own address into their letters. The debtor stays agency-wide; the contact points do not.

const owner = ownerDb();
let tenantId: string;
let attacker: Actor;
let victim: { id: string; siren: string; name: string; fileOfOther: { id: string; creditorId: string } };
let web: pg.Client;
const AGENCY_PHONE = '+33478000001';
const OTHER_CREDITORS_EMAIL = 'compta-privee@victime.example';

beforeAll(async () => {
  process.env.STORAGE_DIR = path.join(await mkdtemp(path.join(tmpdir(), 'recouvra-walls-')), 'storage');
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('contact-walls'),
    name: 'Contact Walls',
    seed: 41,
    files: 40,
    password: 'x-password-1',
  }));
  attacker = await actorFor(owner, tenantId, 'CREDITOR');
  const debtor = await owner.debtor.findFirstOrThrow({
    where: {
      tenantId,
      kind: 'COMPANY',
      siren: { not: null },
      files: { some: {}, none: { creditorId: attacker.creditorId! } },
    },
    include: { files: { take: 1, orderBy: { placedAt: 'asc' } } },
    orderBy: { id: 'asc' },
  });
  const file = debtor.files[0]!;
  victim = {
    id: debtor.id,
    siren: debtor.siren!,
    name: debtor.displayName,
    fileOfOther: { id: file.id, creditorId: file.creditorId },
  };
  // What the agency knows: a phone an agent found and checked, an e-mail the other creditor gave, and every
  // postal address marked do-not-contact (the debtor asked for no more letters there).
  await owner.contactPoint.createMany({
    data: [
      { tenantId, debtorId: debtor.id, kind: 'PHONE', phone: AGENCY_PHONE, status: 'VALID', source: 'agent' },
      {
        tenantId,
        debtorId: debtor.id,
        kind: 'EMAIL',
        email: OTHER_CREDITORS_EMAIL,
        source: 'import',
        suppliedByCreditorId: file.creditorId,
      },
    ],
  });
  await owner.contactPoint.updateMany({
    where: { tenantId, debtorId: debtor.id, kind: 'ADDRESS' },
    data: { status: 'DO_NOT_CONTACT', statusChangedAt: new Date('2026-01-10T09:00:00Z') },
  });
  web = await appRoleClient();
});
afterAll(async () => {
  await web.end();
  await owner.$disconnect();
});

/** Everything row security lets a creditor's session read of the victim's contact points, as plain SQL. */
async function pointsSeenBy(creditorId: string) {
  await web.query('BEGIN');
  try {
    await web.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', $2, true)`, [
      tenantId,
      creditorId,
    ]);
    const { rows } = await web.query<{ supplier: string | null; phone: string | null; email: string | null }>(
      `SELECT supplied_by_creditor_id AS supplier, phone, email FROM contact_point WHERE tenant_id = $1 AND debtor_id = $2`,
      [tenantId, victim.id],
    );
    return rows;
  } finally {
    await web.query('ROLLBACK');
  }
}

/** What the other creditor's file would use: the engine's choice per channel, and the receipts' addressee. */
async function otherCreditorsContacts() {
  const facts = await inTenantRaw({ tenantId }, (client) =>
    loadStepFacts(pgTx(client), tenantId, victim.fileOfOther.id, new Date()),
  );
  const addressee = await inTenant({ tenantId }, async (tx) =>
    debtorAddressee(tx, {
      tenantId,
      id: victim.fileOfOther.id,
      debtorId: victim.id,
      creditorId: victim.fileOfOther.creditorId,
      nature: 'B2B',
    }),
  );
  return {
    letter: contactFor(facts!, 'LETTER'),
    sms: contactFor(facts!, 'SMS'),
    email: contactFor(facts!, 'EMAIL'),
    addressLines: addressee.addressee.address.lines,
  };
}

async function expectWallsHold(attackerFileId: string, injected: { line1: string; phone: string }) {
  // The debtor stays one for the agency: the attacker's invoice landed on the victim.
  const placed = await owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: attackerFileId } } });
  expect(placed.debtorId).toBe(victim.id);

  // The attacker reads back only what it sent.
  const seen = await getFile({ actor: attacker, id: attackerFileId });
  const values = seen.contactPoints.map((c) => c.value).join(' | ');
  expect(values).toContain(injected.line1);
  expect(values).not.toContain(AGENCY_PHONE);
  expect(values).not.toContain(OTHER_CREDITORS_EMAIL);
  const raw = await pointsSeenBy(attacker.creditorId!);
  expect(raw.length).toBeGreaterThan(0);
  expect(raw.every((r) => r.supplier === attacker.creditorId)).toBe(true);

  // The other creditor's session does not see what the attacker injected.
  const other = await pointsSeenBy(victim.fileOfOther.creditorId);
  expect(other.some((r) => r.supplier === attacker.creditorId)).toBe(false);
  expect(other.map((r) => r.email)).toContain(OTHER_CREDITORS_EMAIL);

  // Nor do its letters, texts and e-mails use it: the do-not-contact addresses stand, the checked phone is used.
  const used = await otherCreditorsContacts();
  expect(used.letter?.status).toBe('DO_NOT_CONTACT');
  expect(used.letter?.line1).not.toBe(injected.line1);
  expect(used.addressLines).not.toContain(injected.line1);
  expect(used.addressLines).toEqual([]);
  expect(used.sms).toMatchObject({ phone: AGENCY_PHONE, status: 'VALID' });
  expect(used.email?.suppliedByCreditorId).not.toBe(attacker.creditorId);

  // Even the attacker's own file cannot write past the debtor's do-not-contact with its unverified address.
  const own = await inTenantRaw({ tenantId }, (client) =>
    loadStepFacts(pgTx(client), tenantId, attackerFileId, new Date()),
  );
  expect(contactFor(own!, 'LETTER')?.status).toBe('DO_NOT_CONTACT');
  const ownSms = contactFor(own!, 'SMS');
  expect(ownSms?.phone === injected.phone || ownSms?.phone === AGENCY_PHONE).toBe(true);
}

describe('a creditor uploading another company’s SIREN', () => {
  it('through the portal upload learns nothing and steers no other creditor’s letters', async () => {
    const line1 = '66 rue du Faubourg Pirate';
    const phone = '06 11 22 33 44';
    const dir = await mkdtemp(path.join(tmpdir(), 'recouvra-walls-csv-'));
    const file = path.join(dir, 'factures.csv');
    await writeFile(
      file,
      [
        'N° facture;Raison sociale;SIREN;Adresse;Code postal;Ville;Téléphone;Échéance;Montant TTC',
        `PIRATE-1;${victim.name};${victim.siren};${line1};75011;Paris;${phone};15/01/2026;12,00`,
      ].join('\r\n') + '\r\n',
      'utf8',
    );
    const up = await uploadReceivables({
      actor: attacker,
      input: { creditorId: attacker.creditorId!, fileName: 'factures.csv' },
      content: createReadStream(file),
    });
    await previewImport({ actor: attacker, importId: up.importId, mapping: up.mapping });
    await processImport({ tenantId, importId: up.importId, mode: 'preview' });
    await confirmImport({ actor: attacker, importId: up.importId });
    const done = await processImport({ tenantId, importId: up.importId, mode: 'commit' });
    expect(done.status).toBe('DONE');
    const claim = await owner.claim.findFirstOrThrow({ where: { tenantId, invoiceNumber: 'PIRATE-1' } });
    await expectWallsHold(claim.fileId, { line1, phone: '+33611223344' });
  });

  it('through POST /api/intake/claims learns nothing and steers no other creditor’s letters', async () => {
    const manager = await actorFor(owner, tenantId, 'MANAGER');
    const { key } = await createApiKey({ actor: manager, input: { creditorId: attacker.creditorId!, label: 'ERP' } });
    const line1 = '13 impasse des Corsaires';
    const { response } = await intakeClaims({
      caller: await authenticateApiKey(`Bearer ${key}`),
      idempotencyKey: 'pirate-api-1',
      body: {
        items: [
          {
            companyName: victim.name,
            siren: victim.siren,
            addressLine1: line1,
            postcode: '13002',
            city: 'Marseille',
            phone: '07 98 76 54 32',
            invoiceNumber: 'PIRATE-API-1',
            dueDate: '2026-02-28',
            amount: 15,
          },
        ],
      },
    });
    expect(response.summary).toMatchObject({ claims: 1, rejected: 0 });
    const claim = await owner.claim.findFirstOrThrow({ where: { tenantId, invoiceNumber: 'PIRATE-API-1' } });
    await expectWallsHold(claim.fileId, { line1, phone: '+33798765432' });
  });
});
