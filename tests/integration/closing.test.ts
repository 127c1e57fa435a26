import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFile } from '../../lib/closing/close-file';
import { decideClosing } from '../../lib/closing/decide-closing';
import { previewBulkClosing } from '../../lib/closing/preview-bulk-closing';
import { closingDocument, closingReasons, fileClosings } from '../../lib/closing/queries';
import { CLOSING_STATUS, type ClosingReason } from '../../lib/closing/rules';
import { reopenFile } from '../../lib/closing/reopen-file';
import {
  ENQUEUE_TIMEOUT_MS,
  RESUME_AFTER_MS,
  closingBatchJobId,
  resumeClosingBatches,
} from '../../lib/closing/resume-closing-batches';
import { runClosingBatch } from '../../lib/closing/run-closing-batch';
import { applyDirtyFiles, rebuildReports } from '../../lib/reports/summaries';
import { setClosingThreshold } from '../../lib/closing/set-closing-threshold';
import { startBulkClosing } from '../../lib/closing/start-bulk-closing';
import type { ClaimNature } from '../../lib/db/generated/enums';
import { env } from '../../lib/config/env';
import { seedClosingDecisions } from '../../lib/demo/closing-decisions';
import { seedAgency } from '../../lib/demo/seed-agency';
import type { AppError } from '../../lib/errors/app-error';
import { timelineRenderer } from '../../lib/history/render';
import type { Download } from '../../lib/http/download';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { QueueName } from '../../lib/queue/names';
import { createProducer, type Producer } from '../../lib/queue/producers';
import { requestConnection } from '../../lib/redis/connection';
import type { Actor } from '../../lib/tenancy/actor';
import { resolveActor } from '../../lib/tenancy/resolve-actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { fileWithClaims } from './support/file-with-claims';
import { makeScenario } from './support/scenario-fixtures';

// Issue 16: closing a file for a reason of the fixed list, with its evidence; an agent's closing above the agency's
// threshold waits for a manager; the creditor gets a report (PDF, portal, e-mail) and, for an irrecoverable B2B
// claim, a certificate of irrecoverability (CGI art. 272); bulk closing with its preview; reopening. Another
// creditor's user and another agency see and do nothing.

const owner = ownerDb();
const fr = timelineRenderer('fr', 'Europe/Paris');
let tenantId: string;
let otherTenantId: string;
let agent: Actor;
let manager: Actor;
let creditorUser: Actor;
let creditorEmail: string;
let strangerUser: Actor;
let otherAgencyManager: Actor;
let creditorId: string;
let capture: CaptureServer;
let mail: MailSender;
let scenarioVersionId: string;
const pdfDir = mkdtempSync(path.join(tmpdir(), 'closing-'));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function userOf(tenant: string, creditor: string): Promise<{ actor: Actor; email: string }> {
  const email = `creancier-${randomUUID().slice(0, 8)}@example.com`;
  const identity = await owner.identity.create({ data: { email, passwordHash: 'x', name: 'Compta', locale: 'fr' } });
  const membership = await owner.membership.create({
    data: { tenantId: tenant, identityId: identity.id, role: 'CREDITOR', creditorId: creditor },
  });
  return {
    actor: await resolveActor({ tenantId: tenant, membershipId: membership.id, identityId: identity.id }),
    email,
  };
}

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('clo'),
    name: 'Agence Clôtures',
    seed: 161,
    files: 2,
    password: 'x',
  }));
  ({ tenantId: otherTenantId } = await seedAgency(owner, {
    slug: uniqueSlug('clo2'),
    name: 'Autre agence',
    seed: 162,
    files: 1,
    password: 'x',
  }));
  agent = await actorFor(owner, tenantId, 'AGENT');
  manager = await actorFor(owner, tenantId, 'MANAGER');
  otherAgencyManager = await actorFor(owner, otherTenantId, 'MANAGER');
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId } });
  creditorId = mandate.creditorId;
  // Only the users made here receive the reports.
  await owner.membership.updateMany({ where: { tenantId, role: 'CREDITOR' }, data: { active: false } });
  ({ actor: creditorUser, email: creditorEmail } = await userOf(tenantId, creditorId));
  const other = await owner.creditor.findFirstOrThrow({ where: { tenantId, id: { not: creditorId } } });
  ({ actor: strangerUser } = await userOf(tenantId, other.id));
  await owner.membership.updateMany({ where: { tenantId, creditorId: other.id }, data: { active: false } });
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Clôtures <clotures@agence.test>');
  scenarioVersionId = await makeScenario(owner, tenantId, [
    { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
  ]);
});

afterAll(async () => {
  mail?.close();
  await capture?.close();
  await owner.$disconnect();
});

/** A file of the creditor, placed on 1 September 2025, with a running scenario and an open task. */
async function makeFile(principalCents = 120_000, nature: ClaimNature = 'B2B') {
  const file = await fileWithClaims(owner, {
    tenantId,
    creditorId,
    nature,
    claims: [{ dueOn: '2025-06-30', principalCents }],
    prefix: 'CLO',
  });
  await owner.fileScenario.create({
    data: { tenantId, fileId: file.id, scenarioVersionId, nextRunAt: new Date('2026-12-20T08:00:00Z') },
  });
  await owner.task.create({
    data: { tenantId, fileId: file.id, kind: 'CALL', dueAt: new Date('2026-12-10T08:00:00Z') },
  });
  return file;
}
const fileRow = (id: string) => owner.caseFile.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } });
const versionOf = async (id: string) => (await fileRow(id)).version;
const lines = async (fileId: string) =>
  (await owner.activity.findMany({ where: { tenantId, fileId }, orderBy: { occurredAt: 'asc' } })).map((l) =>
    fr(l).replace(/\s/g, ' '),
  );
const close = async (
  actor: Actor,
  fileId: string,
  input: Record<string, unknown>,
  evidence?: { name: string; bytes: Buffer },
) =>
  closeFile({
    actor,
    input: { fileId, expectedVersion: await versionOf(fileId), ...input },
    evidence: evidence ?? null,
  });
const refusedWith = async (work: Promise<unknown>) => {
  const error = (await work.then(
    () => null,
    (e: unknown) => e,
  )) as AppError | null;
  expect(error, 'expected a refusal').not.toBeNull();
  return { code: error!.code, key: error!.ref.key, fields: error!.fields };
};
async function pdfText(download: Download): Promise<string> {
  const file = path.join(pdfDir, `${randomUUID()}.pdf`);
  writeFileSync(file, Buffer.from(download.body as Uint8Array));
  // Every run of spaces (the layout's, and the no-break spaces of amounts) as one space.
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[^\S\n]+/g, ' ');
}

describe('closing a file, one reason family at a time', () => {
  it('irrecoverable (untraceable) by a manager: closed, scenario stopped, tasks cancelled, report and certificate', async () => {
    const file = await makeFile(120_000);
    const result = await close(manager, file.id, {
      reason: 'UNTRACEABLE',
      note: 'Recherches FICOBA et enquête voisinage négatives',
    });
    expect(result).toMatchObject({ outcome: 'CLOSED', status: 'IRRECOVERABLE' });
    const row = await fileRow(file.id);
    expect([row.status, row.phase, row.closedAt !== null]).toEqual(['IRRECOVERABLE', 'CLOSED', true]);
    const scenario = await owner.fileScenario.findFirstOrThrow({ where: { tenantId, fileId: file.id } });
    expect([scenario.state, scenario.stateReason]).toEqual(['STOPPED', 'FILE_CLOSED']);
    expect(await owner.task.count({ where: { tenantId, fileId: file.id, status: 'OPEN' } })).toBe(0);
    const timeline = await lines(file.id);
    expect(
      timeline.some((l) =>
        /^Dossier clôturé : Irrécouvrable — débiteur introuvable après recherches — 1 [0-9 ,]+€ non recouvrés — Recherches FICOBA/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(timeline).toContain('Statut du dossier : En cours → Irrécouvrable');
    const closing = await owner.fileClosing.findFirstOrThrow({ where: { tenantId, fileId: file.id } });
    expect(closing).toMatchObject({
      reason: 'UNTRACEABLE',
      status: 'CLOSED',
      statusFrom: 'IN_PROGRESS',
      statusTo: 'IRRECOVERABLE',
    });
    expect(closing.reportDocumentId).not.toBeNull();
    expect(closing.certificateDocumentId).not.toBeNull();

    // The certificate: the invoice, HT / TVA / TTC of what is unpaid at 20 %, the reason, the CGI's mention.
    const certificate = await pdfText(
      await closingDocument({ actor: creditorUser, fileId: file.id, kind: 'certificate' }),
    );
    expect(certificate).toContain('Attestation d’irrécouvrabilité de créance');
    expect(certificate).toContain('article 272-1 du code général des impôts');
    expect(certificate).toContain(file.invoiceNumbers[0]);
    expect(certificate).toMatch(/1 000,00 €\s+200,00 €\s+1 200,00 €/);
    expect(certificate).toContain('Irrécouvrable : débiteur introuvable après recherches.');
    expect(certificate).toContain('Recherches FICOBA et enquête voisinage négatives');
    expect(certificate).toMatch(
      /Facture impayée pour la somme de 1 000,00 € \(prix net\) et pour la somme de 200,00 €/,
    );

    const report = await pdfText(await closingDocument({ actor: creditorUser, fileId: file.id, kind: 'report' }));
    expect(report).toContain('Rapport de clôture');
    expect(report).toContain(file.reference);
    expect(report).toContain('Irrécouvrable : débiteur introuvable après recherches.');
    expect(report).toContain('Aucun encaissement.');
    expect(report).toContain('Aucune procédure judiciaire engagée.');
  });

  it('settled for less, with the creditor’s written agreement: PAID, the evidence kept with its hash', async () => {
    const file = await makeFile(100_000);
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId, id: file.id } },
      data: { collectedCents: 60_000 },
    });
    // Without the agreement: refused, naming it; with a file that is no PDF nor image: refused on its content.
    expect(await refusedWith(close(manager, file.id, { reason: 'SETTLED' }))).toMatchObject({
      code: 'CONFLICT',
      key: 'closing.errors.EVIDENCE_REQUIRED',
    });
    expect(
      await refusedWith(
        close(
          manager,
          file.id,
          { reason: 'SETTLED' },
          { name: 'accord.pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') },
        ),
      ),
    ).toMatchObject({ code: 'INVALID', fields: { evidence: 'closing.errors.evidenceType' } });
    const result = await close(
      manager,
      file.id,
      { reason: 'SETTLED', note: 'Accord du 2 décembre' },
      { name: 'accord-creancier.pdf', bytes: PDF },
    );
    expect(result).toMatchObject({ outcome: 'CLOSED', status: 'PAID' });
    const closing = await owner.fileClosing.findFirstOrThrow({ where: { tenantId, fileId: file.id } });
    expect(closing).toMatchObject({
      reason: 'SETTLED',
      evidenceName: 'accord-creancier.pdf',
      evidenceSize: PDF.length,
    });
    expect(closing.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(closing.certificateDocumentId).toBeNull();
    const evidence = await closingDocument({ actor: manager, fileId: file.id, kind: 'evidence' });
    expect(evidence.name).toBe('accord-creancier.pdf');
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'closing.decided', entityId: closing.id },
    });
    expect(audit.actorId).toBe(manager.membershipId);
    expect(audit.details).toMatchObject({ reason: 'SETTLED', evidenceSha256: closing.evidenceSha256, status: 'PAID' });
  });

  it('withdrawn by the creditor: WITHDRAWN, no certificate; a closed file takes no second closing', async () => {
    const file = await makeFile(80_000, 'CONSUMER');
    expect(await close(agent, file.id, { reason: 'WITHDRAWN' })).toMatchObject({
      outcome: 'CLOSED',
      status: 'WITHDRAWN',
    });
    expect(await refusedWith(close(manager, file.id, { reason: 'UNECONOMIC', note: 'x' }))).toMatchObject({
      code: 'CONFLICT',
      key: 'closing.errors.ALREADY_CLOSED',
    });
  });

  it('refuses what the rules refuse: paid while owing, time-barred before the date, a stale version', async () => {
    const file = await makeFile(50_000);
    expect(await refusedWith(close(manager, file.id, { reason: 'PAID' }))).toMatchObject({
      key: 'closing.errors.STILL_OWED',
    });
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId, id: file.id } },
      data: { limitationOn: new Date('2031-06-30T00:00:00Z') },
    });
    expect(await refusedWith(close(manager, file.id, { reason: 'TIME_BARRED' }))).toMatchObject({
      key: 'closing.errors.NOT_TIME_BARRED',
    });
    expect(
      await refusedWith(
        closeFile({ actor: manager, input: { fileId: file.id, expectedVersion: 9_999, reason: 'WITHDRAWN' } }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(await refusedWith(close(manager, file.id, { reason: 'GONE' }))).toMatchObject({
      code: 'INVALID',
      fields: { reason: 'closing.errors.reason' },
    });
    expect((await fileRow(file.id)).status).toBe('IN_PROGRESS');
    expect(await owner.fileClosing.count({ where: { tenantId, fileId: file.id } })).toBe(0);
  });
});

describe('manager approval above the agency’s threshold', () => {
  it('holds an agent’s closing above it until a manager approves; at or below it the agent closes alone', async () => {
    await setClosingThreshold({ actor: manager, input: { thresholdCents: '1 000' } });
    const big = await makeFile(150_000);
    const asked = await close(agent, big.id, { reason: 'UNECONOMIC', note: 'Débiteur à l’étranger, frais > créance' });
    expect(asked).toMatchObject({ outcome: 'PENDING', status: 'IN_PROGRESS' });
    expect((await fileRow(big.id)).status).toBe('IN_PROGRESS');
    expect((await lines(big.id)).at(-1)).toMatch(
      /^Clôture demandée \(Irrécouvrable — poursuites non rentables\) — 1 [0-9 ,]+€ non recouvrés, en attente d’approbation d’un responsable/,
    );
    // A second closing waits behind it; an agent cannot decide.
    expect(await refusedWith(close(agent, big.id, { reason: 'WITHDRAWN' }))).toMatchObject({
      key: 'closing.errors.PENDING_DECISION',
    });
    expect(
      await refusedWith(decideClosing({ actor: agent, input: { closingId: asked.closingId, decision: 'APPROVED' } })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusedWith(
        decideClosing({ actor: otherAgencyManager, input: { closingId: asked.closingId, decision: 'APPROVED' } }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });

    const approved = await decideClosing({
      actor: manager,
      input: { closingId: asked.closingId, decision: 'APPROVED', note: 'OK' },
    });
    expect(approved).toMatchObject({ decision: 'APPROVED', status: 'IRRECOVERABLE' });
    expect(
      await refusedWith(decideClosing({ actor: manager, input: { closingId: asked.closingId, decision: 'REFUSED' } })),
    ).toMatchObject({
      key: 'closing.errors.decided',
    });
    const { identityId } = await owner.membership.findFirstOrThrow({ where: { tenantId, id: manager.membershipId } });
    const { name } = await owner.identity.findUniqueOrThrow({ where: { id: identityId } });
    expect((await lines(big.id)).some((l) => l.includes(`approuvé par ${name}`))).toBe(true);

    const small = await makeFile(50_000);
    expect(await close(agent, small.id, { reason: 'UNECONOMIC', note: 'Montant faible' })).toMatchObject({
      outcome: 'CLOSED',
    });
  });

  it('a refused closing leaves the file as it was, with the refusal on its timeline', async () => {
    await setClosingThreshold({ actor: manager, input: { thresholdCents: 0 } });
    const file = await makeFile(20_000);
    const asked = await close(agent, file.id, { reason: 'WITHDRAWN' });
    expect(asked.outcome).toBe('PENDING');
    await decideClosing({
      actor: manager,
      input: { closingId: asked.closingId, decision: 'REFUSED', note: 'Relancer encore' },
    });
    expect((await fileRow(file.id)).status).toBe('IN_PROGRESS');
    expect((await lines(file.id)).at(-1)).toMatch(
      /^Clôture refusée par .+ \(Retiré par le créancier\) : Relancer encore$/,
    );
    await setClosingThreshold({ actor: manager, input: { thresholdCents: 100_000 } });
  });
});

describe('the closing report reaches the creditor', () => {
  it('by e-mail through the outbox, the PDF attached, and in its portal', async () => {
    const file = await makeFile(40_000);
    await close(manager, file.id, { reason: 'MANDATE_ENDED' });
    const message = await owner.outboundMessage.findFirstOrThrow({
      where: { tenantId, fileId: file.id, recipient: creditorEmail },
    });
    expect(message).toMatchObject({ audience: 'CREDITOR', channel: 'EMAIL' });
    expect(await deliverMessage({ tenantId, messageId: message.id, mail })).toBe('SENT');
    const [captured] = await owner.capturedMail.findMany({ where: { tenantId, recipients: creditorEmail } });
    expect(captured!.subject).toBe(`Agence Clôtures — rapport de clôture du dossier ${file.reference}`);
    expect(captured!.attachments).toBe(`RC-${file.reference}.pdf`);
    expect(captured!.textBody).toContain('Restitué au terme du mandat');
    expect(captured!.textBody).toContain(`/portal/files/${file.id}`);
    expect((await lines(file.id)).at(-1)).toBe(`Rapport de clôture envoyé par e-mail au créancier (${creditorEmail})`);
    const seen = await fileClosings(creditorUser, file.id);
    expect(seen.closings).toHaveLength(1);
    expect(seen.closings[0]).toMatchObject({ reason: 'MANDATE_ENDED', hasReport: true, hasCertificate: false });
  });
});

describe('walls', () => {
  it('another creditor’s user and another agency neither see nor act on a closing', async () => {
    const file = await makeFile(30_000);
    await close(manager, file.id, { reason: 'UNTRACEABLE', note: 'Aucune adresse' });
    for (const kind of ['report', 'certificate', 'evidence'] as const)
      expect(await refusedWith(closingDocument({ actor: strangerUser, fileId: file.id, kind }))).toMatchObject({
        code: 'NOT_FOUND',
      });
    expect(
      await refusedWith(closingDocument({ actor: otherAgencyManager, fileId: file.id, kind: 'report' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await fileClosings(strangerUser, file.id)).closings).toEqual([]);
    expect((await fileClosings(otherAgencyManager, file.id)).closings).toEqual([]);
    const open = await makeFile(30_000);
    for (const actor of [strangerUser, creditorUser, otherAgencyManager])
      expect(await refusedWith(close(actor, open.id, { reason: 'WITHDRAWN' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusedWith(
        reopenFile({
          actor: otherAgencyManager,
          input: { fileId: file.id, expectedVersion: await versionOf(file.id), reason: 'DEBTOR_FOUND', note: 'x' },
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusedWith(previewBulkClosing({ actor: otherAgencyManager, input: { creditorId, reason: 'WITHDRAWN' } })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusedWith(previewBulkClosing({ actor: agent, input: { creditorId, reason: 'WITHDRAWN' } })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await fileRow(open.id)).status).toBe('IN_PROGRESS');
  });
});

describe('reopening a closed file', () => {
  it('takes an irrecoverable file back to work with its reason, its history whole; a withdrawn one stays closed', async () => {
    const file = await makeFile(60_000);
    await close(manager, file.id, { reason: 'UNTRACEABLE', note: 'Introuvable' });
    const reopened = await reopenFile({
      actor: agent,
      input: {
        fileId: file.id,
        expectedVersion: await versionOf(file.id),
        reason: 'DEBTOR_FOUND',
        note: 'Nouvelle adresse par La Poste',
      },
    });
    expect(reopened.status).toBe('IN_PROGRESS');
    const row = await fileRow(file.id);
    expect([row.status, row.phase, row.closedAt]).toEqual(['IN_PROGRESS', 'AMICABLE', null]);
    const timeline = await lines(file.id);
    expect(timeline.slice(-2)).toEqual([
      'Dossier rouvert (Débiteur retrouvé), auparavant « Irrécouvrable » : Nouvelle adresse par La Poste',
      'Statut du dossier : Irrécouvrable → En cours',
    ]);
    expect(timeline.some((l) => l.startsWith('Dossier clôturé : Irrécouvrable'))).toBe(true);
    const history = await fileClosings(manager, file.id);
    expect(history.closings).toHaveLength(1);
    expect(history.reopenings).toMatchObject([{ reason: 'DEBTOR_FOUND', note: 'Nouvelle adresse par La Poste' }]);
    // Closed again later, with its own decision.
    expect(await close(manager, file.id, { reason: 'WITHDRAWN' })).toMatchObject({ status: 'WITHDRAWN' });
    expect(
      await refusedWith(
        reopenFile({
          actor: agent,
          input: { fileId: file.id, expectedVersion: await versionOf(file.id), reason: 'NEW_PAYMENT', note: 'x' },
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', key: 'closing.errors.CLOSED_FOR_GOOD' });
  });

  it('offers the reasons that undo the closing’s: refuses another, and reopens an uneconomic file on assets found', async () => {
    const untraceable = await makeFile(61_000);
    await close(manager, untraceable.id, { reason: 'UNTRACEABLE', note: 'Introuvable' });
    for (const reason of ['NEW_ASSETS', 'ESTATE_FOUND', 'DEBT_ACKNOWLEDGED'])
      await expect(
        reopenFile({
          actor: agent,
          input: { fileId: untraceable.id, expectedVersion: await versionOf(untraceable.id), reason, note: 'x' },
        }),
      ).rejects.toMatchObject({ code: 'INVALID', fields: { reason: 'closing.errors.reopenReasonNotFit' } });
    expect((await fileRow(untraceable.id)).status).toBe('IRRECOVERABLE');
    expect(await owner.fileReopening.count({ where: { tenantId, fileId: untraceable.id } })).toBe(0);
    // A reason that is not on the list at all is refused by the schema.
    await expect(
      reopenFile({
        actor: agent,
        input: {
          fileId: untraceable.id,
          expectedVersion: await versionOf(untraceable.id),
          reason: 'MIRACLE',
          note: 'x',
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { reason: 'closing.errors.reopenReason' } });

    const uneconomic = await makeFile(62_000);
    await close(manager, uneconomic.id, { reason: 'UNECONOMIC', note: 'Frais supérieurs au montant' });
    // The creditor's user, another creditor's, another agency's manager: not found, nothing written.
    for (const actor of [creditorUser, strangerUser, otherAgencyManager])
      await expect(
        reopenFile({
          actor,
          input: {
            fileId: uneconomic.id,
            expectedVersion: await versionOf(uneconomic.id),
            reason: 'NEW_ASSETS',
            note: 'x',
          },
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const reopened = await reopenFile({
      actor: agent,
      input: {
        fileId: uneconomic.id,
        expectedVersion: await versionOf(uneconomic.id),
        reason: 'NEW_ASSETS',
        note: 'Immeuble au fichier immobilier',
      },
    });
    expect(reopened.status).toBe('IN_PROGRESS');
    expect((await lines(uneconomic.id)).at(-2)).toBe(
      'Dossier rouvert (Actifs découverts), auparavant « Irrécouvrable » : Immeuble au fichier immobilier',
    );
    expect(await owner.fileReopening.count({ where: { tenantId, fileId: uneconomic.id } })).toBe(1);
  });
});

describe('bulk closing', () => {
  it('closes exactly what its preview said would close, and why the others stay', async () => {
    const files = [await makeFile(10_000), await makeFile(11_000), await makeFile(12_000), await makeFile(13_000)];
    // One has a plan in force (stays), one is closed already (stays).
    await owner.paymentPlan.create({
      data: {
        tenantId,
        fileId: files[1]!.id,
        totalCents: 11_000,
        frequency: 'MONTHLY',
        firstDueOn: new Date('2027-01-05T00:00:00Z'),
        graceDays: 10,
      },
    });
    await close(manager, files[2]!.id, { reason: 'WITHDRAWN' });
    const input = {
      creditorId,
      reason: 'WITHDRAWN',
      references: `${files.map((f) => f.reference).join('\n')}\nD9999999`,
      note: 'Liste retirée le 7 décembre',
    };
    const preview = await previewBulkClosing({ actor: manager, input });
    const closing = preview.files
      .filter((f) => f.refusal === null)
      .map((f) => f.reference)
      .sort();
    expect(closing).toEqual([files[0]!.reference, files[3]!.reference].sort());
    expect(preview.counts).toEqual({
      closing: 2,
      byStatus: { IN_PROGRESS: 2 },
      refused: { PLAN_ACTIVE: 1, ALREADY_CLOSED: 1 },
    });
    expect(preview.unknown).toEqual(['D9999999']);

    const started = await startBulkClosing({ actor: manager, input });
    expect(started.total).toBe(2);
    expect(started.queued).toBe(true);
    const progress: number[] = [];
    const outcome = await runClosingBatch({
      tenantId,
      batchId: started.batchId,
      onProgress: (p) => void progress.push(p.done),
      mail,
    });
    expect(outcome).toEqual({ closed: 2, skipped: 0 });
    expect(progress.at(-1)).toBe(2);
    const statuses = await Promise.all(files.map(async (f) => (await fileRow(f.id)).status));
    expect(statuses).toEqual(['WITHDRAWN', 'IN_PROGRESS', 'WITHDRAWN', 'WITHDRAWN']);
    // Run again (a retried job): nothing more, the same counts, and no second e-mail.
    expect(await runClosingBatch({ tenantId, batchId: started.batchId, mail })).toEqual({ closed: 2, skipped: 0 });
    const batch = await owner.closingBatch.findFirstOrThrow({ where: { tenantId, id: started.batchId } });
    expect([batch.status, batch.closed, batch.skipped]).toEqual(['DONE', 2, 0]);
    // Reports in the portal, no e-mail per file: one e-mail to the creditor's user listing the files closed.
    const reports = await owner.fileClosing.findMany({ where: { tenantId, batchId: started.batchId } });
    expect(reports.every((r) => r.reportDocumentId !== null)).toBe(true);
    expect(await owner.outboundMessage.count({ where: { tenantId, fileId: files[0]!.id } })).toBe(0);
    const digests = await owner.capturedMail.findMany({
      where: { tenantId, recipients: creditorEmail, subject: { contains: 'clôturés' } },
    });
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toMatch(/^Agence Clôtures — 2 dossiers de .+ clôturés$/);
    for (const f of [files[0]!, files[3]!]) expect(digests[0]!.textBody).toContain(`dossier ${f.reference}`);
    for (const f of [files[1]!, files[2]!]) expect(digests[0]!.textBody).not.toContain(f.reference);
    expect(digests[0]!.textBody).toContain('Retiré par le créancier');
    expect(batch.digestedAt).not.toBeNull();
    // The other creditor's user hears nothing of it.
    expect(await owner.capturedMail.count({ where: { tenantId, subject: { contains: 'clôturés' } } })).toBe(1);
    expect((await lines(files[0]!.id)).some((l) => l.startsWith('Clôture en masse : Retiré par le créancier'))).toBe(
      true,
    );
  });
});

describe('bulk closing with Redis away when it starts', () => {
  it('answers at once that the batch waits, and the resume sweep enqueues it once Redis answers again', async () => {
    const file = await makeFile(14_000);
    const input = { creditorId, reason: 'WITHDRAWN', references: file.reference };
    // The web process's producer pointed at a port where no Redis listens (a real connection, refused).
    const slot = globalThis as unknown as { recouvraProducer?: Producer };
    const saved = slot.recouvraProducer;
    const away = requestConnection('redis://127.0.0.1:6390', { lazyConnect: true });
    slot.recouvraProducer = createProducer({ connection: away });
    const startedAt = Date.now();
    let started: Awaited<ReturnType<typeof startBulkClosing>>;
    try {
      started = await startBulkClosing({ actor: manager, input });
    } finally {
      slot.recouvraProducer = saved;
      away.disconnect();
    }
    expect(started.queued).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(ENQUEUE_TIMEOUT_MS + 2_000);
    const waiting = await owner.closingBatch.findFirstOrThrow({ where: { tenantId, id: started.batchId } });
    expect([waiting.status, waiting.closed, waiting.fileIds]).toEqual(['RUNNING', 0, [file.id]]);
    expect((await fileRow(file.id)).status).toBe('IN_PROGRESS');

    // Redis is back (the real one, under a prefix of this test's own): the sweep enqueues the batch, once.
    const prefix = `it-closing-${randomUUID()}`;
    const live = createProducer({
      connection: new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }),
      prefix,
      ownsConnection: true,
    });
    try {
      const later = new Date(Date.now() + 2 * RESUME_AFTER_MS);
      // Too young: its request may still be enqueueing it.
      await resumeClosingBatches({ producer: live });
      expect(await live.queue(QueueName.WORKQUEUE).getJob(closingBatchJobId(started.batchId))).toBeUndefined();
      const first = await resumeClosingBatches({ producer: live, now: later });
      expect(first.enqueued).toBeGreaterThanOrEqual(1);
      const job = await live.queue(QueueName.WORKQUEUE).getJob(closingBatchJobId(started.batchId));
      expect([job?.name, job?.data]).toEqual(['close-batch', { tenantId, batchId: started.batchId }]);
      expect((await resumeClosingBatches({ producer: live, now: later })).enqueued).toBe(0);

      // The job runs: the file closes, the creditor is told, and the sweep has nothing left to resume.
      await job!.remove();
      expect(await runClosingBatch({ tenantId, batchId: started.batchId, mail })).toEqual({ closed: 1, skipped: 0 });
      expect((await fileRow(file.id)).status).toBe('WITHDRAWN');
      const done = await owner.closingBatch.findFirstOrThrow({ where: { tenantId, id: started.batchId } });
      expect([done.status, done.digestedAt !== null]).toEqual(['DONE', true]);
      expect((await resumeClosingBatches({ producer: live, now: later })).enqueued).toBe(0);
    } finally {
      await live.queue(QueueName.WORKQUEUE).obliterate({ force: true });
      await live.close();
    }
  });
});

describe('closing reasons by creditor and month', () => {
  it('counts the decided closings by month and reason from the summary tables, per creditor, behind the walls', async () => {
    const month = new Date().toISOString().slice(0, 7);
    // The chart reads closing_fact, which the reports worker keeps from the closing rows (decision 0003).
    await applyDirtyFiles(tenantId);
    const chart = await closingReasons({ actor: manager, input: {} });
    expect(chart.months).toHaveLength(12);
    expect(chart.months.at(-1)!.month).toBe(month);
    // What the rows of this agency say, decided this month (the tests closed everything today).
    const rows = await owner.fileClosing.groupBy({
      by: ['reason'],
      where: { tenantId, status: 'CLOSED', decidedAt: { gte: new Date(`${month}-01T00:00:00Z`) } },
      _count: { _all: true },
    });
    const expected = Object.fromEntries(rows.map((r) => [r.reason, r._count._all]));
    expect(chart.months.at(-1)!.counts).toEqual(expected);
    expect(expected['UNTRACEABLE']).toBeGreaterThan(0);
    expect(chart.creditors.map((c) => c.creditorId)).toEqual([creditorId]);
    expect(chart.creditors[0]!.total).toBe(rows.reduce((s, r) => s + r._count._all, 0));
    // Pending and refused decisions are not closings.
    const pending = await owner.fileClosing.count({ where: { tenantId, status: { not: 'CLOSED' } } });
    expect(pending).toBeGreaterThan(0);
    // The incremental apply and a rebuild from the raw tables agree.
    await rebuildReports(tenantId);
    expect(await closingReasons({ actor: manager, input: {} })).toEqual(chart);
    // A closing decided now reaches the chart with the worker's next pass.
    const late = await makeFile(5_000);
    await close(manager, late.id, { reason: 'MANDATE_ENDED' });
    await applyDirtyFiles(tenantId);
    const after = await closingReasons({ actor: manager, input: {} });
    expect(after.months.at(-1)!.counts['MANDATE_ENDED']).toBe((expected['MANDATE_ENDED'] ?? 0) + 1);

    // One creditor: the other creditor of the agency has closed nothing.
    const other = await owner.creditor.findFirstOrThrow({ where: { tenantId, id: { not: creditorId } } });
    const none = await closingReasons({ actor: manager, input: { creditorId: other.id } });
    expect([none.creditors, none.reasons, none.months.every((m) => m.total === 0)]).toEqual([[], [], true]);
    await expect(closingReasons({ actor: manager, input: { creditorId: 'x' } })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { creditorId: 'closing.errors.creditorId' },
    });
    // An agent, a creditor's user: not found; another agency's manager sees only its own (none).
    for (const actor of [agent, creditorUser])
      await expect(closingReasons({ actor, input: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const elsewhere = await closingReasons({ actor: otherAgencyManager, input: { creditorId } });
    expect(elsewhere.creditors).toEqual([]);
  });
});

describe('the demo’s closing decisions', () => {
  it('gives each closed file without one a decision of its status’s family, decided when it closed, once', async () => {
    const closedAt = new Date('2026-10-15T09:00:00Z');
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId: otherTenantId } });
    const made = await Promise.all(
      (['PAID', 'IRRECOVERABLE', 'WITHDRAWN'] as const).map((status) =>
        fileWithClaims(owner, {
          tenantId: otherTenantId,
          creditorId: creditor.id,
          claims: [{ dueOn: '2025-06-30', principalCents: 50_000 }],
          status,
          prefix: 'DEMO',
        }),
      ),
    );
    await owner.caseFile.updateMany({
      where: { tenantId: otherTenantId, id: { in: made.map((f) => f.id) } },
      data: { closedAt },
    });
    expect(await seedClosingDecisions(owner, otherTenantId)).toBeGreaterThanOrEqual(3);
    const rows = await owner.fileClosing.findMany({
      where: { tenantId: otherTenantId, fileId: { in: made.map((f) => f.id) } },
    });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(CLOSING_STATUS[row.reason as ClosingReason]).toBe(row.statusTo);
      expect([row.status, row.decidedAt, row.requestedAt]).toEqual(['CLOSED', closedAt, closedAt]);
      expect(Number(row.owedCents)).toBe(row.statusTo === 'PAID' ? 0 : 50_000);
    }
    // A second run adds nothing.
    expect(await seedClosingDecisions(owner, otherTenantId)).toBe(0);
  });
});
