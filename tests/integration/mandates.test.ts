import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachMandateDocument } from '../../lib/creditors/attach-mandate-document';
import { createMandate } from '../../lib/creditors/create-mandate';
import { MANDATE_MESSAGES as M } from '../../lib/creditors/messages';
import { getMandate, getMandateDocument, listCreditorsWithMandates, listMandates } from '../../lib/creditors/queries';
import { requireActiveMandate } from '../../lib/creditors/require-active-mandate';
import { updateMandate } from '../../lib/creditors/update-mandate';
import { seedAgency } from '../../lib/demo/seed-agency';
import { describeError, toErrorBody } from '../../lib/errors/describe';
import { inTenant } from '../../lib/db/tenant';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
let storageDir: string;
let tenantA: string;
let tenantB: string;
let manager: Actor;
let admin: Actor;
let agent: Actor;
let creditorUser: Actor;
let managerB: Actor;
/** A creditor of agency A that is not the creditor user's. */
let otherCreditorId: string;
let mandateOfB: string;

const terms = (over: Record<string, string> = {}) => ({
  reference: `MDT-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  scope: 'AMICABLE_AND_JUDICIAL',
  startsOn: '2026-01-01',
  endsOn: '2027-12-31',
  commissionAmicablePercent: '12,5',
  commissionJudicialPercent: '18',
  fixedFee: '150',
  guaranteeReference: 'RCP-HISCOX-2025-00481',
  remittanceFrequency: 'MONTHLY',
  remittanceDeadlineDays: '30',
  ...over,
});

/** The smallest well-formed PDF: one empty A4 page, with a correct cross-reference table. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
]);

/** Delivers the bytes in small chunks, as an upload does, so the header check sees them split. */
const upload = (bytes: Buffer) => Readable.from([bytes.subarray(0, 2), bytes.subarray(2, 7), bytes.subarray(7)]);

async function storedFiles(): Promise<string[]> {
  return (await readdir(storageDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function auditOf(tenantId: string, entityId: string) {
  return owner.auditLog.findMany({ where: { tenantId, entityId }, orderBy: { occurredAt: 'asc' } });
}

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'recouvra-mandates-'));
  process.env.STORAGE_DIR = storageDir;
  const seed = { seed: 7, files: 6, password: 'x-password-1' };
  ({ tenantId: tenantA } = await seedAgency(owner, { ...seed, slug: uniqueSlug('mdt-a'), name: 'Mandats A' }));
  ({ tenantId: tenantB } = await seedAgency(owner, { ...seed, slug: uniqueSlug('mdt-b'), name: 'Mandats B' }));
  [manager, admin, agent, creditorUser, managerB] = await Promise.all([
    actorFor(owner, tenantA, 'MANAGER'),
    actorFor(owner, tenantA, 'ADMIN'),
    actorFor(owner, tenantA, 'AGENT'),
    actorFor(owner, tenantA, 'CREDITOR'),
    actorFor(owner, tenantB, 'MANAGER'),
  ]);
  otherCreditorId = (
    await owner.creditor.findFirstOrThrow({ where: { tenantId: tenantA, NOT: { id: creditorUser.creditorId! } } })
  ).id;
  mandateOfB = (await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantB } })).id;
});
afterAll(async () => {
  await owner.$disconnect();
  await rm(storageDir, { recursive: true, force: true });
});

describe('creating a mandate', () => {
  it('records the R124-3 terms, converted, and audits it', async () => {
    const input = terms();
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input, ip: '192.0.2.1' });
    const row = await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, id } });
    expect(row).toMatchObject({
      creditorId: otherCreditorId,
      reference: input.reference,
      scope: 'AMICABLE_AND_JUDICIAL',
      startsOn: new Date('2026-01-01T00:00:00Z'),
      endsOn: new Date('2027-12-31T00:00:00Z'),
      commissionAmicableBps: 1250,
      commissionJudicialBps: 1800,
      fixedFeeCents: 15_000n,
      guaranteeReference: 'RCP-HISCOX-2025-00481',
      remittanceFrequency: 'MONTHLY',
      remittanceDeadlineDays: 30,
      documentKey: null,
    });
    const [entry] = await auditOf(tenantA, id);
    expect(entry).toMatchObject({ action: 'mandate.created', actorId: manager.membershipId, ip: '192.0.2.1' });
    expect(entry!.details).toMatchObject({ reference: input.reference, commissionAmicableBps: 1250 });
  });

  it.each([
    ['a negative commission', { commissionAmicablePercent: '-5' }, 'commissionAmicablePercent', M.percent],
    ['an end before the start', { endsOn: '2025-12-31' }, 'endsOn', M.endBeforeStart],
    [
      'a judicial scope without a judicial rate',
      { commissionJudicialPercent: '' },
      'commissionJudicialPercent',
      M.judicialRequired,
    ],
    ['no guarantee reference', { guaranteeReference: '' }, 'guaranteeReference', M.required],
    ['an unknown payer of judicial costs', { judicialCostsBy: 'DEBTOR' }, 'judicialCostsBy', M.judicialCostsBy],
  ])('refuses %s, naming the field, and writes nothing', async (_case, over, field, message) => {
    const before = await owner.mandate.count({ where: { tenantId: tenantA } });
    const error = await createMandate({ actor: manager, creditorId: otherCreditorId, input: terms(over) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID', status: 400, fields: { [field]: message } });
    expect((error as Error).message).toContain(`${field}: ${message}`);
    expect(await owner.mandate.count({ where: { tenantId: tenantA } })).toBe(before);
  });

  it('refuses a reference the agency already uses', async () => {
    const input = terms();
    await createMandate({ actor: admin, creditorId: otherCreditorId, input });
    await expect(
      createMandate({ actor: admin, creditorId: creditorUser.creditorId, input: { ...input, scope: 'AMICABLE' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', fields: { reference: M.referenceTaken } });
  });

  it('is for admins and managers only: agents and creditor users get not found', async () => {
    for (const actor of [agent, creditorUser]) {
      await expect(createMandate({ actor, creditorId: creditorUser.creditorId, input: terms() })).rejects.toMatchObject(
        { code: 'NOT_FOUND' },
      );
    }
  });

  it('cannot place a mandate on another agency’s creditor', async () => {
    const creditorOfB = await owner.creditor.findFirstOrThrow({ where: { tenantId: tenantB } });
    await expect(createMandate({ actor: manager, creditorId: creditorOfB.id, input: terms() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      ref: { key: 'errors.codes.NOT_FOUND' },
    });
  });
});

describe('who advances the judicial costs', () => {
  it('is the agency unless the mandate says the creditor; stored, shown and audited', async () => {
    const byDefault = await createMandate({ actor: manager, creditorId: otherCreditorId, input: terms() });
    expect((await getMandate({ actor: manager, mandateId: byDefault.id })).judicialCostsBy).toBe('AGENCY');

    const input = terms({ judicialCostsBy: 'CREDITOR' });
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input });
    expect((await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, id } })).judicialCostsBy).toBe(
      'CREDITOR',
    );
    const [created] = await auditOf(tenantA, id);
    expect(created!.details).toMatchObject({ judicialCostsBy: 'CREDITOR' });

    // Back to the agency: the change is audited with its before and after.
    const read = await getMandate({ actor: manager, mandateId: id });
    expect(read.judicialCostsBy).toBe('CREDITOR');
    await updateMandate({
      actor: manager,
      mandateId: id,
      updatedAt: read.updatedAt,
      input: terms({ reference: read.reference, judicialCostsBy: 'AGENCY' }),
    });
    const entry = (await auditOf(tenantA, id)).find((e) => e.action === 'mandate.updated');
    expect(entry?.details).toMatchObject({ changed: 'judicialCostsBy', judicialCostsBy: 'CREDITOR → AGENCY' });
  });

  it('is the agency’s on an amicable-only mandate, which has no judicial phase', async () => {
    const input = terms({ scope: 'AMICABLE', commissionJudicialPercent: '', judicialCostsBy: 'CREDITOR' });
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input });
    expect((await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, id } })).judicialCostsBy).toBe('AGENCY');
  });

  it('cannot be changed by an agent or a creditor user', async () => {
    const { id } = await createMandate({ actor: manager, creditorId: creditorUser.creditorId!, input: terms() });
    const read = await getMandate({ actor: manager, mandateId: id });
    for (const actor of [agent, creditorUser])
      await expect(
        updateMandate({
          actor,
          mandateId: id,
          updatedAt: read.updatedAt,
          input: terms({ reference: read.reference, judicialCostsBy: 'CREDITOR' }),
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, id } })).judicialCostsBy).toBe('AGENCY');
  });
});

describe('editing a mandate', () => {
  it('saves the change with the version it was read at, and audits what changed', async () => {
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input: terms() });
    const read = await getMandate({ actor: manager, mandateId: id });
    const input = { ...terms({ reference: read.reference, commissionAmicablePercent: '14', endsOn: '' }) };
    const saved = await updateMandate({ actor: manager, mandateId: id, updatedAt: read.updatedAt, input });
    expect(saved.updatedAt > read.updatedAt).toBe(true);
    const after = await getMandate({ actor: manager, mandateId: id });
    expect(after).toMatchObject({ commissionAmicableBps: 1400, endsOn: null, updatedAt: saved.updatedAt });
    const entry = (await auditOf(tenantA, id)).find((e) => e.action === 'mandate.updated');
    expect(entry?.details).toMatchObject({
      changed: 'endsOn,commissionAmicableBps',
      commissionAmicableBps: '1250 → 1400',
      endsOn: '2027-12-31 → —',
    });
  });

  it('refuses to overwrite a change made since it was read', async () => {
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input: terms() });
    const read = await getMandate({ actor: manager, mandateId: id });
    const base = terms({ reference: read.reference });
    await updateMandate({ actor: admin, mandateId: id, updatedAt: read.updatedAt, input: { ...base, fixedFee: '0' } });
    await expect(
      updateMandate({ actor: manager, mandateId: id, updatedAt: read.updatedAt, input: { ...base, fixedFee: '99' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', ref: { key: 'mandates.errors.stale' } });
    expect((await getMandate({ actor: manager, mandateId: id })).fixedFeeCents).toBe(0);
  });

  it('lets exactly one of two simultaneous editors win', async () => {
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input: terms() });
    const read = await getMandate({ actor: manager, mandateId: id });
    const results = await Promise.allSettled(
      ['10', '11'].map((rate) =>
        updateMandate({
          actor: manager,
          mandateId: id,
          updatedAt: read.updatedAt,
          input: terms({ reference: read.reference, commissionAmicablePercent: rate }),
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
  });

  it('refuses a malformed id or version with the field named', async () => {
    await expect(
      updateMandate({ actor: manager, mandateId: 'nope', updatedAt: new Date().toISOString(), input: terms() }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { mandateId: M.mandateId } });
    await expect(
      updateMandate({ actor: manager, mandateId: mandateOfB, updatedAt: 'yesterday', input: terms() }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { updatedAt: M.readAt } });
  });

  it('is not found for another agency’s mandate, and for creditor users', async () => {
    const ofB = await getMandate({ actor: managerB, mandateId: mandateOfB });
    await expect(
      updateMandate({ actor: manager, mandateId: mandateOfB, updatedAt: ofB.updatedAt, input: terms() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const own = await owner.mandate.findFirstOrThrow({
      where: { tenantId: tenantA, creditorId: creditorUser.creditorId! },
    });
    await expect(
      updateMandate({ actor: creditorUser, mandateId: own.id, updatedAt: own.updatedAt.toISOString(), input: terms() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantB, id: mandateOfB } })).toMatchObject({
      reference: ofB.reference,
    });
  });
});

describe('the signed document', () => {
  it('stores a PDF with its hash, serves it back, and audits both', async () => {
    const { id } = await createMandate({ actor: manager, creditorId: creditorUser.creditorId, input: terms() });
    const pdf = tinyPdf();
    const attached = await attachMandateDocument({
      actor: manager,
      mandateId: id,
      fileName: 'Mandat signé.pdf',
      content: upload(pdf),
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(attached).toEqual({ name: 'Mandat signé.pdf', sha256, size: pdf.length });
    const row = await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, id } });
    expect(row).toMatchObject({ documentName: 'Mandat signé.pdf', documentSha256: sha256 });
    expect(row.documentKey).toMatch(new RegExp(`^${tenantA}/mandates/`));

    // The creditor user downloads its own mandate's document.
    const download = await getMandateDocument({ actor: creditorUser, mandateId: id, ip: '192.0.2.9' });
    expect(download).toMatchObject({ name: 'Mandat signé.pdf', size: pdf.length, sha256 });
    expect((await buffer(download.stream)).equals(pdf)).toBe(true);
    expect((await auditOf(tenantA, id)).map((e) => e.action)).toEqual([
      'mandate.created',
      'mandate.document_attached',
      'mandate.document_downloaded',
    ]);
  });

  it.each([
    ['a PNG renamed .pdf', PNG, M.notPdf],
    ['an empty file', Buffer.alloc(0), M.notPdf],
    ['a file of three bytes', Buffer.from('%PD'), M.notPdf],
    ['a PDF over 10 MB', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]), M.tooLarge],
  ])('refuses %s and keeps nothing', async (_case, bytes, message) => {
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input: terms() });
    const filesBefore = await storedFiles();
    await expect(
      attachMandateDocument({ actor: manager, mandateId: id, fileName: 'mandat.pdf', content: upload(bytes) }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { document: message } });
    expect(await storedFiles()).toEqual(filesBefore);
    expect(await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, id } })).toMatchObject({
      documentKey: null,
      documentName: null,
    });
  });

  it('keeps path separators out of the stored name', async () => {
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input: terms() });
    const attached = await attachMandateDocument({
      actor: admin,
      mandateId: id,
      fileName: '../../etc/"passwd".pdf',
      content: upload(tinyPdf()),
    });
    expect(attached.name).toBe('.._.._etc__passwd_.pdf');
  });

  it('is not found for another agency, another creditor, or a mandate without document', async () => {
    await expect(
      attachMandateDocument({ actor: manager, mandateId: mandateOfB, fileName: 'x.pdf', content: upload(tinyPdf()) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { id } = await createMandate({ actor: manager, creditorId: otherCreditorId, input: terms() });
    await expect(getMandateDocument({ actor: manager, mandateId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await attachMandateDocument({ actor: manager, mandateId: id, fileName: 'x.pdf', content: upload(tinyPdf()) });
    expect((await getMandateDocument({ actor: agent, mandateId: id })).name).toBe('x.pdf');
    await expect(getMandateDocument({ actor: creditorUser, mandateId: id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getMandateDocument({ actor: managerB, mandateId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      attachMandateDocument({ actor: creditorUser, mandateId: id, fileName: 'x.pdf', content: upload(tinyPdf()) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('requireActiveMandate', () => {
  let creditorId: string;
  const check = (today: string) =>
    inTenant({ tenantId: tenantA }, (tx) => requireActiveMandate(tx, { tenantId: tenantA, creditorId, today }));

  beforeAll(async () => {
    creditorId = (
      await owner.creditor.create({
        data: {
          tenantId: tenantA,
          code: 'BOUL-SAONE',
          name: 'Boulangerie de la Saône',
          address: '3 quai Saint-Vincent',
          postcode: '69001',
          city: 'Lyon',
        },
      })
    ).id;
  });

  it('refuses a creditor without any mandate, in English for the API and French for a French screen', async () => {
    const refusal = await check('2026-01-05').catch((e: unknown) => e);
    expect(toErrorBody(refusal).body.error).toMatchObject({
      code: 'INVALID',
      message: 'Creditor Boulangerie de la Saône (BOUL-SAONE) has no mandate: record the mandate before placing files',
      ref: { key: 'reasons.mandate.none' },
    });
    expect(describeError(refusal, 'fr').body.error.message).toMatch(/^Le créancier Boulangerie de la Saône/);
  });

  it('refuses once the mandate has expired, naming it and the day it ended', async () => {
    await createMandate({
      actor: manager,
      creditorId,
      input: terms({ reference: 'MDT-BOUL-2025', startsOn: '2025-01-01', endsOn: '2025-12-31' }),
    });
    expect(toErrorBody(await check('2026-01-05').catch((e: unknown) => e)).body.error).toMatchObject({
      code: 'INVALID',
      message:
        'The mandate MDT-BOUL-2025 of creditor Boulangerie de la Saône (BOUL-SAONE) expired on 31/12/2025: renew it before placing new files',
    });
  });

  it('refuses before the renewal starts, then places files under it', async () => {
    await createMandate({
      actor: manager,
      creditorId,
      input: terms({ reference: 'MDT-BOUL-2026', startsOn: '2026-02-01', endsOn: '' }),
    });
    expect(toErrorBody(await check('2026-01-05').catch((e: unknown) => e)).body.error).toMatchObject({
      code: 'INVALID',
      message:
        'The mandate MDT-BOUL-2026 of creditor Boulangerie de la Saône (BOUL-SAONE) starts on 01/02/2026: files can be placed from that day',
    });
    expect((await check('2026-02-01')).reference).toBe('MDT-BOUL-2026');
    expect((await check('2025-06-30')).reference).toBe('MDT-BOUL-2025');
  });

  it('does not see another agency’s creditor', async () => {
    await expect(
      inTenant({ tenantId: tenantB }, (tx) =>
        requireActiveMandate(tx, { tenantId: tenantB, creditorId, today: '2026-02-01' }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('who sees which mandates', () => {
  it('shows the agency its own creditors only, each with its mandate state', async () => {
    const { creditors } = await listCreditorsWithMandates({ actor: agent, today: '2026-06-01' });
    const ownIds = (await owner.creditor.findMany({ where: { tenantId: tenantA } })).map((c) => c.id);
    expect(creditors.map((c) => c.id).sort()).toEqual(ownIds.sort());
    const boulangerie = creditors.find((c) => c.code === 'BOUL-SAONE')!;
    expect(boulangerie.mandates.map((m) => [m.reference, m.state])).toEqual([
      ['MDT-BOUL-2026', 'ACTIVE'],
      ['MDT-BOUL-2025', 'EXPIRED'],
    ]);
    expect(boulangerie.activeMandateId).toBe(boulangerie.mandates[0]!.id);
  });

  it('shows a creditor user its own creditor’s mandates and nothing else', async () => {
    const { creditor } = await listMandates({ actor: creditorUser });
    expect(creditor.id).toBe(creditorUser.creditorId);
    expect(creditor.mandates.length).toBeGreaterThan(0);
    expect(creditor.mandates.every((m) => m.creditorId === creditorUser.creditorId)).toBe(true);
    const all = await listCreditorsWithMandates({ actor: creditorUser });
    expect(all.creditors.map((c) => c.id)).toEqual([creditorUser.creditorId]);

    await expect(listMandates({ actor: creditorUser, creditorId: otherCreditorId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const otherMandate = await owner.mandate.findFirstOrThrow({
      where: { tenantId: tenantA, creditorId: otherCreditorId },
    });
    await expect(getMandate({ actor: creditorUser, mandateId: otherMandate.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('answers not found for another agency’s mandate and creditor', async () => {
    await expect(getMandate({ actor: manager, mandateId: mandateOfB })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const creditorOfB = await owner.creditor.findFirstOrThrow({ where: { tenantId: tenantB } });
    await expect(listMandates({ actor: manager, creditorId: creditorOfB.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getMandate({ actor: manager, mandateId: 'x' })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('gives the demo mandates believable R124-3 terms', async () => {
    const mandates = await owner.mandate.findMany({ where: { tenantId: tenantB }, orderBy: { reference: 'asc' } });
    for (const m of mandates) {
      expect(m.commissionAmicableBps).toBeGreaterThanOrEqual(1200);
      expect(m.commissionAmicableBps).toBeLessThanOrEqual(1800);
      expect(m.commissionJudicialBps === null).toBe(m.scope === 'AMICABLE');
      expect(m.guaranteeReference).toMatch(/^RCP-[A-Z]+-\d{4}-\d{5}$/);
      expect(m).toMatchObject({ remittanceFrequency: 'MONTHLY', remittanceDeadlineDays: 30 });
    }
  });
});
