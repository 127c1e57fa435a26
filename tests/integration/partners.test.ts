import { randomUUID } from 'node:crypto';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFile } from '../../lib/closing/close-file';
import { closingDocument } from '../../lib/closing/queries';
import { seedAgency } from '../../lib/demo/seed-agency';
import type { AppError } from '../../lib/errors/app-error';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { createPartner } from '../../lib/partners/create-partner';
import { handOverFile } from '../../lib/partners/hand-over-file';
import { filePartnerWork, handoverPack, listPartners } from '../../lib/partners/queries';
import { recordPartnerDocument } from '../../lib/partners/record-partner-document';
import { updatePartner } from '../../lib/partners/update-partner';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { fileWithClaims } from './support/file-with-claims';

// Issue 16: the agency's directory of commissaires de justice and lawyers; a hand-over sends the chosen partner one
// ZIP (dossier PDF, letters, history, amounts), recorded and e-mailed; partners' reports and invoices are logged on
// the file, an invoice becoming a cost charged to the creditor. Another agency and a creditor's user see nothing.

const owner = ownerDb();
let tenantId: string;
let manager: Actor;
let agent: Actor;
let creditorUser: Actor;
let otherManager: Actor;
let creditorId: string;
let capture: CaptureServer;
let mail: MailSender;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('par'),
    name: 'Agence Partenaires',
    seed: 171,
    files: 2,
    password: 'x',
  }));
  const other = await seedAgency(owner, {
    slug: uniqueSlug('par2'),
    name: 'Autre',
    seed: 172,
    files: 1,
    password: 'x',
  });
  manager = await actorFor(owner, tenantId, 'MANAGER');
  agent = await actorFor(owner, tenantId, 'AGENT');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  otherManager = await actorFor(owner, other.tenantId, 'MANAGER');
  creditorId = creditorUser.creditorId!;
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Partenaires <p@agence.test>');
});
afterAll(async () => {
  mail?.close();
  await capture?.close();
  await owner.$disconnect();
});

const refused = async (work: Promise<unknown>) => {
  const e = (await work.then(
    () => null,
    (x: unknown) => x,
  )) as AppError | null;
  expect(e, 'expected a refusal').not.toBeNull();
  return { code: e!.code, key: e!.ref.key, fields: e!.fields };
};

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error);
      const out = new Map<string, Buffer>();
      archive.on('entry', (entry: yauzl.Entry) =>
        archive.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            archive.readEntry();
          });
        }),
      );
      archive.on('end', () => resolve(out));
      archive.readEntry();
    });
  });
}

describe('the directory', () => {
  it('is kept by managers, checked field by field, and read by nobody outside the agency', async () => {
    expect(
      await refused(
        createPartner({
          actor: manager,
          input: { kind: 'LAWYER', name: '', courtArea: 'TJ Lyon', email: 'x', departments: '69, 999' },
        }),
      ),
    ).toMatchObject({
      code: 'INVALID',
      fields: {
        name: 'partners.errors.name',
        email: 'partners.errors.email',
        departments: 'partners.errors.departments',
      },
    });
    expect(await refused(createPartner({ actor: agent, input: {} }))).toMatchObject({ code: 'NOT_FOUND' });
    const { partnerId } = await createPartner({
      actor: manager,
      input: {
        kind: 'LAWYER',
        name: 'Maître Durand',
        courtArea: 'Tribunal judiciaire de Lyon',
        departments: '69, 01',
        email: 'Durand@Avocats.test',
        feeTerms: 'Convention : 800 € HT + 10 % des sommes recouvrées',
      },
    });
    expect(
      await refused(
        createPartner({
          actor: manager,
          input: { kind: 'LAWYER', name: 'Doublon', courtArea: 'x', email: 'durand@avocats.test' },
        }),
      ),
    ).toMatchObject({
      fields: { email: 'partners.errors.emailTaken' },
    });
    const listed = await listPartners(agent);
    expect(listed.find((p) => p.id === partnerId)).toMatchObject({
      email: 'durand@avocats.test',
      departments: ['69', '01'],
    });
    expect(await refused(listPartners(creditorUser))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await listPartners(otherManager)).some((p) => p.id === partnerId)).toBe(false);
    expect(
      await refused(
        updatePartner({
          actor: otherManager,
          input: { partnerId, kind: 'LAWYER', name: 'x', courtArea: 'x', email: 'x@y.test', active: true },
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('handing a file over', () => {
  it('sends one ZIP — dossier, letters, history, amounts — records it, e-mails it, and keeps it for download', async () => {
    const { partnerId } = await createPartner({
      actor: manager,
      input: {
        kind: 'COMMISSAIRE_DE_JUSTICE',
        name: 'SCP Martin',
        courtArea: 'TJ Paris',
        email: `cj-${randomUUID().slice(0, 6)}@etude.test`,
      },
    });
    const file = await fileWithClaims(owner, {
      tenantId,
      creditorId,
      claims: [{ dueOn: '2025-06-30', principalCents: 250_000 }],
      prefix: 'HO',
    });
    await owner.activity.create({
      data: {
        tenantId,
        fileId: file.id,
        kind: 'contact.note',
        details: { outcome: 'NONE', note: 'Débiteur injoignable' },
      },
    });
    const sent = await handOverFile({
      actor: agent,
      input: { fileId: file.id, partnerId, note: 'Signification urgente' },
    });
    expect(sent.entries.map((e) => e.name)).toEqual([
      `dossier-${file.reference}.pdf`,
      'historique.csv',
      'montants.csv',
    ]);
    const handover = await owner.handover.findFirstOrThrow({ where: { tenantId, id: sent.handoverId } });
    expect(handover).toMatchObject({
      fileId: file.id,
      partnerId,
      sentBy: agent.membershipId,
      note: 'Signification urgente',
    });

    const zip = await handoverPack({ actor: manager, id: sent.handoverId });
    expect(zip.contentType).toBe('application/zip');
    const entries = await unzip(Buffer.from(zip.body as Uint8Array));
    expect([...entries.keys()]).toEqual(sent.entries.map((e) => e.name));
    expect(entries.get(`dossier-${file.reference}.pdf`)!.subarray(0, 5).toString()).toBe('%PDF-');
    const amounts = entries.get('montants.csv')!.toString('utf8');
    expect(amounts).toContain(`"${file.invoiceNumbers[0]}";"2025-06-30";"2500.00"`);
    expect(amounts).toContain('"TOTAL"');
    expect(entries.get('historique.csv')!.toString('utf8')).toContain('Débiteur injoignable');

    const message = await owner.outboundMessage.findFirstOrThrow({ where: { tenantId, id: handover.messageId! } });
    expect(message).toMatchObject({ audience: 'PARTNER', documentId: handover.documentId });
    expect(await deliverMessage({ tenantId, messageId: message.id, mail })).toBe('SENT');
    const [captured] = await owner.capturedMail.findMany({ where: { tenantId, recipients: message.recipient } });
    expect(captured!.attachments).toBe(`TR-${file.reference}.zip`);
    expect(captured!.subject).toContain(`transmission du dossier ${file.reference}`);

    // Another agency, and a creditor's user, reach neither the pack nor the file's partner work.
    expect(await refused(handoverPack({ actor: otherManager, id: sent.handoverId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refused(handoverPack({ actor: creditorUser, id: sent.handoverId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refused(handOverFile({ actor: otherManager, input: { fileId: file.id, partnerId } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('logs a report and an invoice; the invoice is a cost charged to the creditor, listed in the closing report', async () => {
    const { partnerId } = await createPartner({
      actor: manager,
      input: {
        kind: 'COMMISSAIRE_DE_JUSTICE',
        name: 'Étude Petit',
        courtArea: 'TJ Lille',
        email: `petit-${randomUUID().slice(0, 6)}@etude.test`,
      },
    });
    const file = await fileWithClaims(owner, {
      tenantId,
      creditorId,
      claims: [{ dueOn: '2025-05-31', principalCents: 90_000 }],
      prefix: 'HO',
    });
    await recordPartnerDocument({
      actor: agent,
      input: {
        fileId: file.id,
        partnerId,
        kind: 'REPORT',
        receivedOn: '2026-12-01',
        note: 'PV de recherches infructueuses',
      },
    });
    expect(
      await refused(
        recordPartnerDocument({
          actor: agent,
          input: { fileId: file.id, partnerId, kind: 'INVOICE', receivedOn: '2026-12-02' },
        }),
      ),
    ).toMatchObject({
      fields: { amount: 'partners.errors.amountOnInvoice' },
    });
    const invoice = await recordPartnerDocument({
      actor: agent,
      input: {
        fileId: file.id,
        partnerId,
        kind: 'INVOICE',
        receivedOn: '2026-12-02',
        reference: 'F-2026-118',
        amount: '186,40',
      },
    });
    expect(invoice.costId).not.toBeNull();
    const work = await filePartnerWork(manager, file.id);
    expect(work.records.map((r) => r.kind)).toEqual(['INVOICE', 'REPORT']);
    expect(work.costs).toMatchObject([{ amountCents: 18_640, label: 'Étude Petit — F-2026-118' }]);
    const { version } = await owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: file.id } } });
    await closeFile({
      actor: manager,
      input: { fileId: file.id, expectedVersion: version, reason: 'UNTRACEABLE', note: 'PV de recherches' },
    });
    const report = await closingDocument({ actor: manager, fileId: file.id, kind: 'report' });
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = `${mkdtempSync(`${tmpdir()}/rc-`)}/r.pdf`;
    writeFileSync(path, Buffer.from(report.body as Uint8Array));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Étude Petit — F-2026-118');
    expect(text).toContain('186,40');
  });
});

describe('judicial costs in the books (decision 0023)', () => {
  const balance = async (account: string, creditor: string) =>
    (
      await owner.ledgerBalance.findUnique({
        where: { tenantId_account_creditorId: { tenantId, account, creditorId: creditor } },
      })
    )?.balanceCents ?? 0n;
  const NIL = '00000000-0000-0000-0000-000000000000';

  it('a cost the agency advances is posted, the creditor owing it; one the creditor advances moves no money', async () => {
    const { partnerId } = await createPartner({
      actor: manager,
      input: {
        kind: 'COMMISSAIRE_DE_JUSTICE',
        name: 'SCP Garnier',
        courtArea: 'TJ Nantes',
        email: `garnier-${randomUUID().slice(0, 6)}@etude.test`,
      },
    });
    const { partnerId: lawyerId } = await createPartner({
      actor: manager,
      input: {
        kind: 'LAWYER',
        name: 'Maître Roux',
        courtArea: 'TJ Nantes',
        email: `roux-${randomUUID().slice(0, 6)}@avocat.test`,
      },
    });
    const file = await fileWithClaims(owner, {
      tenantId,
      creditorId,
      claims: [{ dueOn: '2025-05-31', principalCents: 70_000 }],
      prefix: 'JC',
    });
    const mandateId = (await owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: file.id } } }))
      .mandateId;
    await owner.mandate.update({
      where: { tenantId_id: { tenantId, id: mandateId } },
      data: { judicialCostsBy: 'AGENCY' },
    });
    const advancedBefore = await balance('JUDICIAL_COSTS_ADVANCED', creditorId);
    const payableBefore = await balance('PARTNERS_PAYABLE', creditorId);
    const invoice = (partner: string, amount: string, receivedOn: string) =>
      recordPartnerDocument({
        actor: agent,
        input: { fileId: file.id, partnerId: partner, kind: 'INVOICE', receivedOn, reference: 'F-1', amount },
      });

    // No title yet: the service of a summons is the creditor's cost (L111-8), advanced by the agency and recharged.
    const served = await invoice(partnerId, '95,10', '2026-11-02');
    const cost = await owner.fileCost.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: served.costId! } } });
    expect([cost.advancedBy, cost.recoverable]).toEqual(['AGENCY', false]);
    const lines = await owner.journalLine.findMany({
      where: { tenantId, entryId: cost.entryId! },
      orderBy: { lineNo: 'asc' },
    });
    expect(lines.map((l) => [l.account, l.creditorId, l.fileId, l.amountCents])).toEqual([
      ['JUDICIAL_COSTS_ADVANCED', creditorId, file.id, 9_510n],
      ['PARTNERS_PAYABLE', creditorId, file.id, -9_510n],
    ]);
    const entry = await owner.journalEntry.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: cost.entryId! } },
    });
    expect([entry.kind, entry.fileId, entry.creditorId]).toEqual(['JUDICIAL_COST', file.id, creditorId]);
    expect((await balance('JUDICIAL_COSTS_ADVANCED', creditorId)) - advancedBefore).toBe(9_510n);
    // The liability is agency-wide: its balance row is the creditor's the line names.
    expect((await balance('PARTNERS_PAYABLE', creditorId)) - payableBefore).toBe(-9_510n);
    expect(await balance('PARTNERS_PAYABLE', NIL)).toBe(0n);

    // Under a title, a commissaire de justice's enforcement is the debtor's (L111-8); a lawyer's fees never are.
    await owner.judicialProcedure.create({
      data: {
        tenantId,
        fileId: file.id,
        route: 'INJONCTION_DE_PAYER',
        stage: 'ENFORCEMENT_STARTED',
        outcome: 'TITLE',
        startedOn: new Date('2026-06-01T00:00:00Z'),
        titleOn: new Date('2026-11-10T00:00:00Z'),
      },
    });
    const seizure = await invoice(partnerId, '210', '2026-11-20');
    const fees = await invoice(lawyerId, '600', '2026-11-21');
    const [seized, lawyer] = await Promise.all(
      [seizure, fees].map((r) =>
        owner.fileCost.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: r.costId! } } }),
      ),
    );
    expect([seized!.recoverable, lawyer!.recoverable]).toEqual([true, false]);

    // A mandate where the creditor advances the costs: the partner bills the creditor; a record, no entry.
    await owner.mandate.update({
      where: { tenantId_id: { tenantId, id: mandateId } },
      data: { judicialCostsBy: 'CREDITOR' },
    });
    const before = await balance('JUDICIAL_COSTS_ADVANCED', creditorId);
    const billed = await invoice(partnerId, '80', '2026-11-25');
    const creditorCost = await owner.fileCost.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: billed.costId! } },
    });
    expect([creditorCost.advancedBy, creditorCost.entryId]).toEqual(['CREDITOR', null]);
    expect(await balance('JUDICIAL_COSTS_ADVANCED', creditorId)).toBe(before);
    // The file's costs list all four.
    expect((await filePartnerWork(manager, file.id)).costs).toHaveLength(4);
  });
});
