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
