import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mandateFormValues } from '../../components/creditors/mandate-form-values';
import { toMandateView } from '../../lib/creditors/mandate-row';
import { updateMandate } from '../../lib/creditors/update-mandate';
import { seedAgency } from '../../lib/demo/seed-agency';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { runStep } from '../../lib/scenarios/run-step';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile, makeScenario, TEST_IBAN } from './support/scenario-fixtures';

// Issue 14: an e-mail may be the first letter CPCE R124-4 requires only when the creditor's mandate says so, a
// choice a manager records on the mandate. Sent through the local capture SMTP server (a real SMTP exchange), the
// e-mail carries the letter as a PDF whose text holds every R124-4 mention. Without the choice the e-mail step is
// skipped and nothing is sent. On a fake clock: Monday 1 March 2027.

const owner = ownerDb();
const T0 = new Date('2027-03-01T09:00:00Z');
let tenantId: string;
let manager: Actor;
let agent: Actor;
let capture: CaptureServer;
let mail: MailSender;
const received: ParsedMail[] = [];

const EMAIL_FIRST = [
  {
    delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
    channels: ['EMAIL'],
    templates: { EMAIL: { fr: { subject: 'Dossier {{fileReference}}', body: 'Notre courrier est joint.' } } },
  },
];

/** The file's mandate as the manager's form shows it, with the e-mail choice ticked or not, saved by the manager. */
async function chooseEmailFirstLetter(mandateId: string, on: boolean) {
  const row = await owner.mandate.findFirstOrThrow({ where: { tenantId, id: mandateId } });
  const values = mandateFormValues(toMandateView(row, '2027-03-01'), 'fr');
  return updateMandate({
    actor: manager,
    mandateId,
    updatedAt: row.updatedAt.toISOString(),
    input: { ...values, emailFirstLetter: on ? 'on' : '' },
  });
}

async function fileOnEmailFirst() {
  const versionId = await makeScenario(owner, tenantId, EMAIL_FIRST as never);
  const fileId = await makeDebtorFile(owner, tenantId, { principalCents: 90_000, kind: 'PERSON' });
  await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: versionId }, now: T0 });
  const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: fileId } });
  return { fileId, versionId, mandateId: file.mandateId, reference: file.reference };
}

const words = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('email-first'),
    name: 'Agence Courriels',
    seed: 44,
    files: 1,
    password: 'x',
  }));
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  manager = await actorFor(owner, tenantId, 'MANAGER');
  agent = await actorFor(owner, tenantId, 'AGENT');
  capture = await startCaptureServer({ port: 0, log: () => undefined, onMail: (m) => received.push(m) });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Courriels <relances@agence.test>');
});

afterAll(async () => {
  mail?.close();
  await capture?.close();
  await owner.$disconnect();
});

describe('an e-mail as the R124-4 first letter', () => {
  it('is skipped while the mandate does not allow it: nothing is queued, nothing is sent', async () => {
    const { fileId, versionId } = await fileOnEmailFirst();
    const result = await runStep({ tenantId, fileId, versionId, step: 0, run: 1 }, { now: T0 });
    expect(result).toMatchObject({
      outcome: 'DONE',
      executed: [],
      skipped: [{ channel: 'EMAIL', reason: 'FIRST_LETTER_MISSING' }],
    });
    expect(await owner.outboundMessage.count({ where: { tenantId, fileId } })).toBe(0);
    expect(await owner.document.count({ where: { tenantId, fileId } })).toBe(0);
  });

  it('is a manager’s choice on the mandate: an agent cannot make it', async () => {
    const { mandateId } = await fileOnEmailFirst();
    const row = await owner.mandate.findFirstOrThrow({ where: { tenantId, id: mandateId } });
    await expect(
      updateMandate({
        actor: agent,
        mandateId,
        updatedAt: row.updatedAt.toISOString(),
        input: { ...mandateFormValues(toMandateView(row, '2027-03-01'), 'fr'), emailFirstLetter: 'on' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      updateMandate({
        actor: manager,
        mandateId,
        updatedAt: row.updatedAt.toISOString(),
        input: { ...mandateFormValues(toMandateView(row, '2027-03-01'), 'fr'), emailFirstLetter: 'peut-être' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { emailFirstLetter: expect.anything() } });
    expect((await owner.mandate.findFirstOrThrow({ where: { tenantId, id: mandateId } })).emailFirstLetter).toBe(false);
  });

  it('once allowed, goes through SMTP with the letter attached, every R124-4 mention in it', async () => {
    const { fileId, versionId, mandateId, reference } = await fileOnEmailFirst();
    await chooseEmailFirstLetter(mandateId, true);
    try {
      const result = await runStep({ tenantId, fileId, versionId, step: 0, run: 1 }, { now: T0 });
      expect(result).toMatchObject({ outcome: 'DONE', executed: ['EMAIL'] });
      const message = await owner.outboundMessage.findFirstOrThrow({ where: { tenantId, fileId, channel: 'EMAIL' } });
      expect(message.documentId).not.toBeNull();
      expect(await deliverMessage({ tenantId, messageId: message.id, now: T0, mail })).not.toBe('ALREADY_DONE');

      const captured = await owner.capturedMail.findMany({ where: { tenantId, recipients: message.recipient } });
      expect(captured).toHaveLength(1);
      expect(captured[0]!.subject).toBe(`Dossier ${reference}`);
      const sent = received.find((m) => m.subject === `Dossier ${reference}`);
      const pdf = sent?.attachments.find((a) => a.contentType === 'application/pdf');
      expect(pdf, 'the letter travels as a PDF attachment').toBeTruthy();
      expect(captured[0]!.attachments).toContain(pdf!.filename!);
      const dir = mkdtempSync(path.join(tmpdir(), 'email-first-'));
      writeFileSync(path.join(dir, 'letter.pdf'), pdf!.content);
      if (process.env.EMAIL_FIRST_LETTER_PDF) writeFileSync(process.env.EMAIL_FIRST_LETTER_PDF, pdf!.content);
      const text = words(execFileSync('pdftotext', [path.join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' }));

      const file = await owner.caseFile.findFirstOrThrow({
        where: { tenantId, id: fileId },
        include: { creditor: true },
      });
      // 1° the agency, and that it collects debts amicably.
      expect(text).toContain('Agence Courriels exerce une activité de recouvrement amiable de créances.');
      // 2° the creditor, its name and address.
      expect(text).toContain(words(`${file.creditor.name}, ${file.creditor.address}`));
      // 3° the basis and amount of the debt, principal apart: the fixture's invoice of €900.
      const [claim] = await owner.claim.findMany({ where: { tenantId, fileId } });
      expect(text).toContain(claim!.invoiceNumber);
      expect(text).toMatch(/900,00 €/);
      // 4° to pay, and how: the creditors'-funds account.
      expect(text).toContain('FR76 3000 6000 0112 3456 7890 189');
      // 5° L111-8 CPCE, second and third paragraphs.
      expect(text).toContain(
        'Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier',
      );
      expect(text).toContain('demander au juge de l’exécution'.replace('’', "'"));
    } finally {
      await chooseEmailFirstLetter(mandateId, false);
    }
  });
});
