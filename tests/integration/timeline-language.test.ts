import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFile } from '../../lib/cases/queries';
import { seedAgency } from '../../lib/demo/seed-agency';
import { isTimelineKind, TIMELINE_KINDS } from '../../lib/history/kinds';
import { timelineRenderer } from '../../lib/history/render';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { failMessage } from '../../lib/outbox/deliver-message';
import { recordStepFailure } from '../../lib/scenarios/jobs';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeScenario } from './support/scenario-fixtures';

// A failed step or message says so on the timeline in the reader's language, and nothing of the error's own text
// (hosts, users, SQL) reaches the timeline, the file page or the creditor portal: that stays in the worker's log
// and the outbox's last_error, which only staff screens read.

const owner = ownerDb();
const NOW = new Date('2027-04-06T08:00:00Z');
const DB_ERROR = 'password authentication failed for user "recouvra_app" (10.0.3.4:5432) — SELECT * FROM case_file';
const SMTP_ERROR = '550 5.1.1 <j.martin@exemple.fr>: Recipient address rejected: relay.internal.recouvra:25';
const SECRETS = ['password authentication', '10.0.3.4', 'recouvra_app', 'SELECT', 'relay.internal', '550 5.1.1'];

let tenantId: string;
let manager: Actor;
let creditorUser: Actor;
let fileId: string;
let versionId: string;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('timeline'),
    name: 'Timeline',
    seed: 13,
    files: 8,
    password: 'x-password-1',
  }));
  manager = await actorFor(owner, tenantId, 'MANAGER');
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  // A file of the creditor user's own creditor, still in its amicable phase, so the portal shows it.
  const file = await owner.caseFile.findFirstOrThrow({
    where: { tenantId, creditorId: creditorUser.creditorId!, phase: { in: ['INTAKE', 'AMICABLE'] } },
    orderBy: { reference: 'asc' },
  });
  fileId = file.id;
  await owner.fileScenario.deleteMany({ where: { tenantId, fileId } });
  versionId = await makeScenario(owner, tenantId, [
    { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
  ] as never);
  await assignScenario({ actor: manager, input: { fileId }, now: NOW });
});

afterAll(async () => {
  await owner.$disconnect();
});

const textOf = (lines: { kind: string; details: unknown }[], locale: 'fr' | 'en') =>
  lines.map(timelineRenderer(locale, 'Europe/Paris'));

describe('a failed step on the timeline', () => {
  it('says the agency was alerted, in French and in English, and never carries the error', async () => {
    const job = { tenantId, fileId, versionId, step: 0, run: 1 };
    for (let n = 1; n <= 5; n++) await recordStepFailure(job, DB_ERROR, new Date(NOW.getTime() + n * 3_600_000));

    const portal = await getFile({ actor: creditorUser, id: fileId });
    const failures = portal.activities.filter((a) => a.kind === 'scenario.step_failed');
    expect(failures).toHaveLength(5);
    const [fr, en] = [textOf(failures, 'fr'), textOf(failures, 'en')];
    // Newest first: the fifth failure pauses the scenario.
    expect(fr[0]).toBe(
      'Étape 1 en échec : l’agence a été alertée ; scénario mis en pause après 5 échecs, à reprendre à la main',
    );
    expect(en[0]).toBe(
      'Step 1 failed: the agency has been alerted; scenario paused after 5 failures, to be resumed by hand',
    );
    expect(fr[4]).toBe('Étape 1 en échec : l’agence a été alertée ; nouvel essai dans 1 h');
    expect(en[4]).toBe('Step 1 failed: the agency has been alerted; next attempt in 1 h');

    const everything = JSON.stringify([portal, textOf(portal.activities, 'fr'), textOf(portal.activities, 'en')]);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    const stored = await owner.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM activity WHERE tenant_id = ${tenantId}::uuid AND details::text LIKE '%authentication%'`;
    expect(stored[0]!.n).toBe(0n);
    expect((await owner.fileScenario.findFirstOrThrow({ where: { tenantId, fileId } })).state).toBe('PAUSED');
  });

  it('a message given up after its retries: the outbox keeps the reason for staff, the timeline does not', async () => {
    const message = await owner.outboundMessage.create({
      data: {
        tenantId,
        fileId,
        channel: 'EMAIL',
        recipient: 'j.martin@exemple.fr',
        subject: 'Votre dossier',
        body: 'Bonjour',
        executionKey: `test:${randomUUID()}`,
      },
    });
    await failMessage(tenantId, message.id, SMTP_ERROR, owner);
    expect(
      (await owner.outboundMessage.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: message.id } } }))
        .lastError,
    ).toBe(SMTP_ERROR);
    const portal = await getFile({ actor: creditorUser, id: fileId });
    const failed = portal.activities.filter((a) => a.kind === 'email.failed');
    expect(textOf(failed, 'fr')).toEqual([
      'E-mail à j.martin@exemple.fr non délivré après plusieurs essais : l’agence a été alertée',
    ]);
    expect(textOf(failed, 'en')).toEqual([
      'E-mail to j.martin@exemple.fr not delivered after several attempts: the agency has been alerted',
    ]);
    const everything = JSON.stringify([portal, textOf(portal.activities, 'fr'), textOf(portal.activities, 'en')]);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});

describe('every stored line', () => {
  it('is a known kind with the values its message needs, and reads differently in French and English', async () => {
    const rows = await owner.activity.findMany({ where: { tenantId } });
    expect(rows.length).toBeGreaterThan(20);
    const unreadable = rows.filter(
      (r) => !isTimelineKind(r.kind) || !TIMELINE_KINDS[r.kind].safeParse(r.details).success,
    );
    expect(unreadable.map((r) => [r.kind, r.details])).toEqual([]);
    const fr = textOf(rows, 'fr');
    const en = textOf(rows, 'en');
    expect(fr).not.toContain('Événement du dossier');
    expect(en).not.toContain('File event');
    // Placement lines name the same creditor and amount, each in its language.
    const placed = rows.findIndex((r) => r.kind === 'file.placed');
    expect(fr[placed]).toMatch(/^Dossier confié par .+ — \d+ factures?, [\d\s\u202f]+,\d\d\s€$/);
    expect(en[placed]).toMatch(/^File placed by .+ — \d+ invoices?, €[\d,]+\.\d\d$/);
  });
});
