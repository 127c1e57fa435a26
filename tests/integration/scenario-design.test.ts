import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedScenarios } from '../../lib/demo/seed-scenarios';
import { seedAgency } from '../../lib/demo/seed-agency';
import { inTenant } from '../../lib/db/tenant';
import { AppError } from '../../lib/errors/app-error';
import { archiveScenario } from '../../lib/scenario-design/archive-scenario';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { createScenario } from '../../lib/scenario-design/create-scenario';
import { DESIGN_MESSAGES as D } from '../../lib/scenario-design/messages';
import { getScenarioVersion, listScenarios } from '../../lib/scenario-design/queries';
import { publishVersion } from '../../lib/scenario-design/publish-version';
import { saveDraftVersion } from '../../lib/scenario-design/save-draft-version';
import { SCENARIO_MESSAGES as S } from '../../lib/scenarios/schemas';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile } from './support/scenario-fixtures';

const owner = ownerDb();
let tenantA: string;
let tenantB: string;
let manager: Actor;
let admin: Actor;
let agent: Actor;
let creditorUser: Actor;
let managerB: Actor;
/** The creditor makeDebtorFile places files for (the first by code), and one of agency B. */
let creditorA: string;
let creditorB: string;

const T0 = new Date('2027-03-01T09:00:00Z');

const letter = (days: number) => ({ delay: { days, from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] });
const email = (days: number, body = 'Bonjour {{debtorName}}, {{amountDue}} restent dus.') => ({
  delay: { days },
  channels: ['EMAIL'],
  templates: { EMAIL: { fr: { subject: 'Dossier {{fileReference}}', body } } },
});

/** A draft whose rules take only agency A's first creditor's files, ahead of any other scenario (priority). */
const draft = (over: Record<string, unknown> = {}) => ({
  name: `Scénario ${Math.random().toString(36).slice(2, 7)}`,
  description: 'Test',
  priority: 100,
  steps: [letter(0), email(7)],
  rules: { creditorIds: [creditorA] },
  ...over,
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function versionRow(id: string) {
  return owner.scenarioVersion.findFirstOrThrow({ where: { id } });
}

async function audit(entityId: string) {
  return owner.auditLog.findMany({ where: { tenantId: tenantA, entityId }, orderBy: { occurredAt: 'asc' } });
}

beforeAll(async () => {
  const seed = { seed: 11, files: 4, password: 'x-password-1' };
  ({ tenantId: tenantA } = await seedAgency(owner, { ...seed, slug: uniqueSlug('scd-a'), name: 'Scénarios A' }));
  ({ tenantId: tenantB } = await seedAgency(owner, { ...seed, slug: uniqueSlug('scd-b'), name: 'Scénarios B' }));
  [manager, admin, agent, creditorUser, managerB] = await Promise.all([
    actorFor(owner, tenantA, 'MANAGER'),
    actorFor(owner, tenantA, 'ADMIN'),
    actorFor(owner, tenantA, 'AGENT'),
    actorFor(owner, tenantA, 'CREDITOR'),
    actorFor(owner, tenantB, 'MANAGER'),
  ]);
  creditorA = (await owner.creditor.findFirstOrThrow({ where: { tenantId: tenantA }, orderBy: { code: 'asc' } })).id;
  creditorB = (await owner.creditor.findFirstOrThrow({ where: { tenantId: tenantB } })).id;
});
afterAll(async () => {
  await owner.$disconnect();
});

describe('creating a scenario', () => {
  it('opens version 1 as a draft with one letter on placement day, and audits it', async () => {
    const created = await createScenario({ actor: manager, input: { name: '  Relance douce  ' }, ip: '192.0.2.7' });
    expect(created).toMatchObject({ version: 1, revision: 0 });
    const scenario = await owner.scenario.findFirstOrThrow({ where: { id: created.id } });
    expect(scenario).toMatchObject({ tenantId: tenantA, name: 'Relance douce', description: null, archivedAt: null });
    expect(scenario.createdBy).toBe(manager.membershipId);
    const version = await versionRow(created.versionId);
    expect(version).toMatchObject({ version: 1, revision: 0, priority: 0, publishedAt: null, rules: {} });
    expect(version.steps).toEqual([
      { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'], templates: {} },
    ]);
    const [entry] = await audit(created.id);
    expect(entry).toMatchObject({
      action: 'scenario.created',
      actorId: manager.membershipId,
      ip: '192.0.2.7',
      details: { name: 'Relance douce', version: 1, versionId: created.versionId, steps: 1 },
    });
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const before = await owner.scenario.count({ where: { tenantId: tenantA } });
    const error = await failure(
      createScenario({
        actor: manager,
        input: {
          name: '',
          steps: [
            { delay: { days: 400 }, channels: [] },
            email(1, 'Bonjour {{debtor.name}}'),
            {
              delay: { days: 1 },
              channels: ['ESCALATE', 'SMS'],
              templates: { SMS: { fr: { body: 'x'.repeat(481) } } },
            },
          ],
          rules: { minDueCents: 500_000, maxDueCents: 100_000 },
        },
      }),
    );
    expect(error.code).toBe('INVALID');
    expect(error.fields).toEqual({
      name: D.name,
      'steps.0.delay.days': S.days,
      'steps.0.channels': S.channels,
      'steps.1.templates.EMAIL.fr.body': S.unknownVariable,
      // An e-mail before any letter is itself the R124-4 letter (issue 14): no refusal for step 1's channel.
      'steps.2.channels': S.escalateAlone,
      'steps.2.templates.SMS.fr.body': S.smsLength,
      'rules.maxDueCents': S.minMax,
    });
    expect(await owner.scenario.count({ where: { tenantId: tenantA } })).toBe(before);
  });

  it("refuses another agency's creditor in the rules", async () => {
    const error = await failure(
      createScenario({ actor: manager, input: draft({ rules: { creditorIds: [creditorB] } }) }),
    );
    expect(error.code).toBe('INVALID');
    expect(error.fields).toEqual({ 'rules.creditorIds': D.creditor });
  });
});

describe('drafts, publication and versions', () => {
  let scenarioId: string;
  let v1: string;
  let v2: string;
  let fileOnV1: string;

  it('saves a draft at the revision read, and refuses a stale one', async () => {
    const created = await createScenario({ actor: admin, input: draft({ name: 'Standard test' }) });
    scenarioId = created.id;
    v1 = created.versionId;
    const saved = await saveDraftVersion({
      actor: manager,
      scenarioId,
      versionId: v1,
      revision: 0,
      input: draft({ name: 'Standard test', steps: [letter(0), email(7), letter(21)] }),
    });
    expect(saved).toEqual({ versionId: v1, version: 1, revision: 1, created: false });
    expect(((await versionRow(v1)).steps as unknown[]).length).toBe(3);

    const stale = await failure(
      saveDraftVersion({
        actor: manager,
        scenarioId,
        versionId: v1,
        revision: 0,
        input: draft({ name: 'Standard test' }),
      }),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT', message: D.staleDraft });
    const row = await versionRow(v1);
    expect(row.revision).toBe(1);
    expect((row.steps as unknown[]).length).toBe(3);
  });

  it('lets only one of two saves at the same revision through', async () => {
    const steps = [letter(0), email(7), letter(21)];
    const save = (name: string) =>
      saveDraftVersion({ actor: manager, scenarioId, versionId: v1, revision: 1, input: draft({ name, steps }) });
    const results = await Promise.allSettled([save('Standard test'), save('Standard test bis')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT', message: D.staleDraft });
    expect((await versionRow(v1)).revision).toBe(2);
  });

  it('publishes the draft exactly as reviewed; publishing twice or from a stale page is refused', async () => {
    const stale = await failure(publishVersion({ actor: manager, versionId: v1, revision: 1 }));
    expect(stale).toMatchObject({ code: 'CONFLICT', message: D.staleDraft });
    expect((await versionRow(v1)).publishedAt).toBeNull();

    const published = await publishVersion({ actor: manager, versionId: v1, revision: 2, ip: '192.0.2.9' });
    expect(published).toMatchObject({ scenarioId, versionId: v1, version: 1 });
    expect((await versionRow(v1)).publishedAt?.toISOString()).toBe(published.publishedAt);
    const again = await failure(publishVersion({ actor: manager, versionId: v1, revision: 2 }));
    expect(again).toMatchObject({ code: 'CONFLICT', message: D.alreadyPublished });
    expect((await audit(scenarioId)).map((a) => a.action)).toEqual([
      'scenario.created',
      'scenario.draft_saved',
      'scenario.draft_saved',
      'scenario.published',
    ]);
  });

  it('gives new files the published version', async () => {
    fileOnV1 = await makeDebtorFile(owner, tenantA);
    const started = await assignScenario({ actor: manager, input: { fileId: fileOnV1 }, now: T0 });
    expect(started.scenarioVersionId).toBe(v1);
  });

  it('never changes a published version: the database refuses it, and saving opens version 2', async () => {
    const before = await versionRow(v1);
    await expect(
      inTenant({ tenantId: tenantA }, (tx) =>
        tx.scenarioVersion.update({
          where: { tenantId_id: { tenantId: tenantA, id: v1 } },
          data: { steps: [] },
        }),
      ),
    ).rejects.toThrow(/published and cannot change/);

    const saved = await saveDraftVersion({
      actor: manager,
      scenarioId,
      versionId: v1,
      revision: 999, // a published base has no revision to check: the new draft starts at 0
      input: draft({ name: 'Standard test', steps: [letter(0), email(3)], priority: 90 }),
    });
    expect(saved).toMatchObject({ version: 2, revision: 0, created: true });
    v2 = saved.versionId;
    const after = await versionRow(v1);
    expect(after.steps).toEqual(before.steps);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await versionRow(v2)).toMatchObject({ version: 2, priority: 90, publishedAt: null });
  });

  it('edits only the latest version: version 1 is now read-only', async () => {
    const error = await failure(
      saveDraftVersion({
        actor: manager,
        scenarioId,
        versionId: v1,
        revision: 0,
        input: draft({ name: 'Standard test' }),
      }),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', message: D.notLatest });
    expect(await owner.scenarioVersion.count({ where: { scenarioId } })).toBe(2);
  });

  it('keeps a running file on its version after a new one is published; new files get the new one', async () => {
    await publishVersion({ actor: manager, versionId: v2, revision: 0 });
    const fileOnV2 = await makeDebtorFile(owner, tenantA);
    expect((await assignScenario({ actor: manager, input: { fileId: fileOnV2 }, now: T0 })).scenarioVersionId).toBe(v2);
    const running = await owner.fileScenario.findFirstOrThrow({ where: { tenantId: tenantA, fileId: fileOnV1 } });
    expect(running.scenarioVersionId).toBe(v1);

    const mine = (await listScenarios({ actor: manager })).find((s) => s.id === scenarioId)!;
    expect(mine.current).toMatchObject({ id: v2, version: 2, runningFiles: 1, stepCount: 2, priority: 90 });
    expect(mine.draft).toBeNull();
    expect(mine.versions.map((v) => [v.version, v.runningFiles, v.channels])).toEqual([
      [2, 1, ['SIMPLE_LETTER', 'EMAIL']],
      [1, 1, ['SIMPLE_LETTER', 'EMAIL']],
    ]);
    expect(mine.runningFiles).toBe(2);
    expect(mine.current?.rules).toEqual({ creditorIds: [creditorA] });
  });

  it('reads one version in full, the latest by default, with the agency calendar', async () => {
    const latest = await getScenarioVersion({ actor: manager, scenarioId, now: new Date('2026-12-31T23:30:00Z') });
    expect(latest.version).toMatchObject({ id: v2, version: 2 });
    expect(latest.editable).toBe(true);
    expect(latest.calendar).toMatchObject({ timeZone: 'Europe/Paris', hours: { start: '08:00', end: '20:00' } });
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(latest.today).toBe('2027-01-01');
    const old = await getScenarioVersion({ actor: manager, scenarioId, version: '1' });
    expect(old.editable).toBe(false);
    expect(old.version.steps).toHaveLength(3);
    expect(old.versions.map((v) => v.version)).toEqual([2, 1]);
    const missing = await failure(getScenarioVersion({ actor: manager, scenarioId, version: 7 }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('archives: no new file gets it, nothing can be saved or published, running files go on', async () => {
    const draft3 = await saveDraftVersion({
      actor: manager,
      scenarioId,
      versionId: v2,
      revision: 0,
      input: draft({ name: 'Standard test' }),
    });
    const archived = await archiveScenario({ actor: manager, scenarioId });
    expect(archived.runningFiles).toBe(2);
    expect((await owner.scenario.findFirstOrThrow({ where: { id: scenarioId } })).archivedAt?.toISOString()).toBe(
      archived.archivedAt,
    );
    for (const attempt of [
      () =>
        saveDraftVersion({
          actor: manager,
          scenarioId,
          versionId: draft3.versionId,
          revision: 0,
          input: draft({ name: 'x' }),
        }),
      () => publishVersion({ actor: manager, versionId: draft3.versionId, revision: 0 }),
    ])
      expect(await failure(attempt())).toMatchObject({ code: 'CONFLICT', message: D.archived });
    expect(await failure(archiveScenario({ actor: manager, scenarioId }))).toMatchObject({
      code: 'CONFLICT',
      message: D.alreadyArchived,
    });
    const late = await makeDebtorFile(owner, tenantA);
    const chosen = await assignScenario({ actor: manager, input: { fileId: late }, now: T0 }).then(
      (r) => r.scenarioVersionId,
      () => null,
    );
    expect([v1, v2]).not.toContain(chosen);
    expect(
      (await owner.fileScenario.findFirstOrThrow({ where: { tenantId: tenantA, fileId: fileOnV1 } })).scenarioVersionId,
    ).toBe(v1);
    const list = await listScenarios({ actor: manager });
    expect(list.at(-1)?.id).toBe(scenarioId); // archived scenarios come last
    expect((await audit(scenarioId)).at(-1)).toMatchObject({
      action: 'scenario.archived',
      details: { name: 'Standard test', runningFiles: 2 },
    });
  });
});

describe('who may do what', () => {
  let scenarioId: string;
  let versionId: string;

  beforeAll(async () => {
    ({ id: scenarioId, versionId } = await createScenario({ actor: manager, input: draft() }));
  });

  it("answers NOT_FOUND for another agency's scenario, and changes nothing", async () => {
    const input = draft();
    for (const attempt of [
      () => saveDraftVersion({ actor: managerB, scenarioId, versionId, revision: 0, input }),
      () => publishVersion({ actor: managerB, versionId, revision: 0 }),
      () => archiveScenario({ actor: managerB, scenarioId }),
      () => getScenarioVersion({ actor: managerB, scenarioId }),
    ])
      expect((await failure(attempt())).code).toBe('NOT_FOUND');
    expect((await listScenarios({ actor: managerB })).map((s) => s.id)).not.toContain(scenarioId);
    const row = await versionRow(versionId);
    expect(row).toMatchObject({ revision: 0, publishedAt: null });
    expect((await owner.scenario.findFirstOrThrow({ where: { id: scenarioId } })).archivedAt).toBeNull();
  });

  it('refuses a version id of another scenario under this one', async () => {
    const other = await createScenario({ actor: manager, input: draft() });
    const error = await failure(
      saveDraftVersion({ actor: manager, scenarioId, versionId: other.versionId, revision: 0, input: draft() }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });

  it('answers INVALID for a malformed id', async () => {
    const error = await failure(archiveScenario({ actor: manager, scenarioId: 'not-a-uuid' }));
    expect(error).toMatchObject({ code: 'INVALID', fields: { scenarioId: D.scenarioId } });
  });

  it('lets an agent read scenarios but not manage them; a creditor user sees none', async () => {
    expect((await listScenarios({ actor: agent })).map((s) => s.id)).toContain(scenarioId);
    for (const attempt of [
      () => createScenario({ actor: agent, input: draft() }),
      () => saveDraftVersion({ actor: agent, scenarioId, versionId, revision: 0, input: draft() }),
      () => publishVersion({ actor: agent, versionId, revision: 0 }),
      () => archiveScenario({ actor: agent, scenarioId }),
      () => listScenarios({ actor: creditorUser }),
    ])
      expect((await failure(attempt())).code).toBe('NOT_FOUND');
    expect(await versionRow(versionId)).toMatchObject({ revision: 0, publishedAt: null });
  });
});

describe('the demo scenarios (seeded by the engine)', () => {
  it('lists each published with the files the seed started on it', async () => {
    const report = await seedScenarios(owner, tenantB, T0);
    expect(report.started).toBeGreaterThan(0);
    const list = await listScenarios({ actor: managerB });
    expect(list.every((s) => s.current?.version === 1 && s.draft === null && s.archivedAt === null)).toBe(true);
    expect(Object.fromEntries(list.map((s) => [s.current!.id, s.runningFiles]))).toEqual(
      Object.fromEntries(list.map((s) => [s.current!.id, report.byVersion[s.current!.id] ?? 0])),
    );
    expect(list.reduce((n, s) => n + s.runningFiles, 0)).toBe(report.started);
  });
});
