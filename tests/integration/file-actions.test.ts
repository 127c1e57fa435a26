import { describeError, toErrorBody } from '../../lib/errors/describe';
import { timelineRenderer } from '../../lib/history/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toActionResult } from '../../app/actions/action-result';
import { breakDuePromises } from '../../lib/activity/break-due-promises';
import { cancelPromise } from '../../lib/activity/cancel-promise';
import { completeTask } from '../../lib/activity/complete-task';
import { logContact } from '../../lib/activity/log-contact';
import { fileWorkspace } from '../../lib/activity/queries';
import { resolveDispute } from '../../lib/activity/resolve-dispute';
import { ACTIVITY_MESSAGES as M } from '../../lib/activity/schemas';
import { addContactPoint } from '../../lib/cases/add-contact-point';
import { recordCompanyEvent } from '../../lib/cases/record-company-event';
import { LIFT_DO_NOT_CONTACT, setContactStatus } from '../../lib/cases/set-contact-status';
import { updateFileInfo } from '../../lib/cases/update-file-info';
import { dayIn } from '../../lib/dates/days';
import { holidaysOf, isPublicHoliday } from '../../lib/compliance/holidays';
import type { DebtorKind, FileStatus } from '../../lib/db/generated/enums';
import { seedAgency } from '../../lib/demo/seed-agency';
import { taskNoteText } from '../../lib/tasks/notes';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

/** Timeline lines as a French reader sees them. */
const fr = timelineRenderer('fr', 'Europe/Paris');

const owner = ownerDb();
let tenantA: string;
let tenantB: string;
let agent: Actor;
let manager: Actor;
let creditorUser: Actor;
let agentB: Actor;
let placement: { creditorId: string; mandateId: string };

const DAY_MS = 86_400_000;
const today = () => dayIn('Europe/Paris');
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

interface Debtor {
  debtorId: string;
  files: string[];
  phone: string;
  dncPhone: string;
  email: string;
  address: string;
}

/** A debtor of agency A with one file per status given, assigned to the agent, and four contact points. */
async function makeDebtor(statuses: FileStatus[], kind: DebtorKind = 'COMPANY'): Promise<Debtor> {
  const name = `${kind === 'COMPANY' ? 'SARL' : 'M.'} Test ${Math.random().toString(36).slice(2, 8)}`;
  const debtor = await owner.debtor.create({
    data: {
      tenantId: tenantA,
      kind,
      displayName: name,
      ...(kind === 'COMPANY' ? { companyName: name } : { lastName: name }),
    },
  });
  const point = (data: Record<string, string>) =>
    owner.contactPoint
      .create({ data: { tenantId: tenantA, debtorId: debtor.id, kind: 'PHONE', ...data } as never })
      .then((c) => c.id);
  const phone = await point({ kind: 'PHONE', phone: '+33639980001', status: 'VALID' });
  const dncPhone = await point({ kind: 'PHONE', phone: '+33639980002', status: 'DO_NOT_CONTACT' });
  const email = await point({ kind: 'EMAIL', email: 'compta@example.org' });
  const address = await point({ kind: 'ADDRESS', line1: '3 rue de la Paix', postcode: '69002', city: 'Lyon' });
  const files: string[] = [];
  for (const status of statuses) {
    const phase = status === 'NEW' ? 'INTAKE' : status === 'PAID' || status === 'WITHDRAWN' ? 'CLOSED' : 'AMICABLE';
    const file = await owner.caseFile.create({
      data: {
        tenantId: tenantA,
        ...placement,
        debtorId: debtor.id,
        assigneeId: agent.membershipId,
        status,
        phase,
      },
    });
    files.push(file.id);
  }
  return { debtorId: debtor.id, files, phone, dncPhone, email, address };
}

const fileRow = (id: string) => owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id } });
const versionOf = async (id: string) => (await fileRow(id)).version;
/** A file's timeline, each line with the text a French reader sees. */
const activitiesOf = async (fileId: string) =>
  (await owner.activity.findMany({ where: { tenantId: tenantA, fileId }, orderBy: { occurredAt: 'asc' } })).map(
    (a) => ({ ...a, text: fr(a) }),
  );
const frenchDay = (day: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(day));
const auditOf = (entityId: string) =>
  owner.auditLog.findMany({ where: { tenantId: tenantA, entityId }, orderBy: { occurredAt: 'asc' } });

/** Row counts of everything an action may write on a file, to prove a refused one wrote nothing. */
async function footprint(fileId: string) {
  const where = { tenantId: tenantA, fileId };
  const file = await fileRow(fileId);
  return {
    version: file.version,
    status: file.status,
    activities: await owner.activity.count({ where }),
    tasks: await owner.task.count({ where }),
    promises: await owner.paymentPromise.count({ where }),
    disputes: await owner.dispute.count({ where }),
    audit: await owner.auditLog.count({ where: { tenantId: tenantA, entityId: fileId } }),
  };
}

const call = (fileId: string, expectedVersion: number, contactPointId: string, over: Record<string, unknown> = {}) => ({
  fileId,
  expectedVersion,
  channel: 'CALL',
  contactPointId,
  answeredBy: 'DEBTOR',
  durationSeconds: 240,
  note: 'Joint la comptable',
  ...over,
});

beforeAll(async () => {
  const seed = { seed: 11, files: 4, password: 'x-password-1' };
  ({ tenantId: tenantA } = await seedAgency(owner, { ...seed, slug: uniqueSlug('fa-a'), name: 'Actions A' }));
  ({ tenantId: tenantB } = await seedAgency(owner, { ...seed, slug: uniqueSlug('fa-b'), name: 'Actions B' }));
  [agent, manager, creditorUser, agentB] = await Promise.all([
    actorFor(owner, tenantA, 'AGENT'),
    actorFor(owner, tenantA, 'MANAGER'),
    actorFor(owner, tenantA, 'CREDITOR'),
    actorFor(owner, tenantB, 'AGENT'),
  ]);
  const mandate = await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA } });
  placement = { creditorId: mandate.creditorId, mandateId: mandate.id };
});
afterAll(() => owner.$disconnect());

describe('logging a call', () => {
  it('with a promise: timeline, audit, promise row, PROMISE status, last contact, due call tasks closed', async () => {
    const d = await makeDebtor(['NEW']);
    const fileId = d.files[0]!;
    const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * 3_600_000);
    const task = (kind: 'CALL' | 'CALLBACK', dueAt: Date, assigneeId: string | null) =>
      owner.task.create({ data: { tenantId: tenantA, fileId, kind, dueAt, assigneeId } }).then((t) => t.id);
    const dueCall = await task('CALL', at(-2), agent.membershipId);
    const dueScenarioCall = await task('CALL', at(-30), null);
    const othersCallback = await task('CALLBACK', at(-2), manager.membershipId);
    const nextWeek = await task('CALLBACK', at(24 * 7), agent.membershipId);
    const dueOn = plusDays(today(), 7);

    const result = await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, { outcome: { type: 'PROMISE', amountCents: '15000', dueOn } }),
      ip: '192.0.2.7',
    });

    expect(result).toMatchObject({ fileId, version: 1, status: 'PROMISE', taskId: null, disputeId: null });
    expect([...result.closedTaskIds].sort()).toEqual([dueCall, dueScenarioCall].sort());
    const file = await fileRow(fileId);
    expect(file).toMatchObject({ status: 'PROMISE', phase: 'AMICABLE', version: 1 });
    expect(Date.now() - file.lastContactAt!.getTime()).toBeLessThan(60_000);

    const promise = await owner.paymentPromise.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect(promise).toMatchObject({
      id: result.promiseId,
      amountCents: 15_000n,
      dueOn: new Date(`${dueOn}T00:00:00Z`),
      status: 'PENDING',
      createdBy: agent.membershipId,
    });

    const [activity] = await activitiesOf(fileId);
    expect(activity).toMatchObject({
      id: result.activityId,
      kind: 'contact.call',
      actorId: agent.membershipId,
      text: `Appel au 06 39 98 00 01 — débiteur joint — promesse de 150,00\u00a0€ pour le ${frenchDay(dueOn)} — « Joint la comptable »`,
    });
    expect(activity!.details).toMatchObject({
      channel: 'CALL',
      contactPointId: d.phone,
      contact: '06 39 98 00 01',
      reached: true,
      answeredBy: 'DEBTOR',
      durationSeconds: 240,
      note: 'Joint la comptable',
      outcome: 'PROMISE',
      amountCents: 15_000,
      dueOn,
      promiseId: result.promiseId,
      statusFrom: 'NEW',
      statusTo: 'PROMISE',
    });
    const [audit] = await auditOf(fileId);
    expect(audit).toMatchObject({ action: 'contact.logged', actorId: agent.membershipId, ip: '192.0.2.7' });
    expect(audit!.details).toMatchObject({ channel: 'CALL', outcome: 'PROMISE', version: 1 });

    const tasks = await owner.task.findMany({ where: { tenantId: tenantA, fileId } });
    const statusOf = (id: string) => tasks.find((t) => t.id === id)!.status;
    expect([statusOf(dueCall), statusOf(dueScenarioCall)]).toEqual(['DONE', 'DONE']);
    // Another agent's callback and next week's are not this call's to close.
    expect([statusOf(othersCallback), statusOf(nextWeek)]).toEqual(['OPEN', 'OPEN']);
  });

  it('a second promise replaces the pending one', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const first = await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, { outcome: { type: 'PROMISE', amountCents: 5000, dueOn: today() } }),
    });
    const second = await logContact({
      actor: agent,
      input: call(fileId, 1, d.phone, { outcome: { type: 'PROMISE', amountCents: 8000, dueOn: plusDays(today(), 3) } }),
    });
    const promises = await owner.paymentPromise.findMany({ where: { tenantId: tenantA, fileId } });
    expect(promises.find((p) => p.id === first.promiseId)!.status).toBe('CANCELLED');
    expect(promises.find((p) => p.id === second.promiseId)!.status).toBe('PENDING');
    expect(second).toMatchObject({ status: 'PROMISE', version: 2 });
  });

  it('with a callback: a CALLBACK task at that time for the agent, read on the agency clock', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    // A Tuesday at 10:30 Paris time, two to eight days ahead (never a Sunday, always in contact hours).
    let day = plusDays(today(), 2);
    while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 2) day = plusDays(day, 1);
    const result = await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, {
        answeredBy: 'VOICEMAIL',
        durationSeconds: '',
        note: 'Message laissé',
        outcome: { type: 'CALLBACK', at: `${day}T10:30` },
      }),
    });
    const task = await owner.task.findFirstOrThrow({ where: { tenantId: tenantA, id: result.taskId! } });
    const month = Number(day.slice(5, 7));
    // Paris is UTC+1 from the last Sunday of October to the last Sunday of March, else UTC+2.
    const offset = month >= 11 || month <= 2 ? 1 : month >= 4 && month <= 9 ? 2 : null;
    if (offset !== null) {
      expect(task.dueAt.toISOString()).toBe(`${day}T${String(10 - offset).padStart(2, '0')}:30:00.000Z`);
    }
    expect(task).toMatchObject({
      kind: 'CALLBACK',
      status: 'OPEN',
      assigneeId: agent.membershipId,
      note: 'Message laissé',
    });
    const file = await fileRow(fileId);
    expect(file.status).toBe('IN_PROGRESS');
    const [activity] = await activitiesOf(fileId);
    expect(activity!.details).toMatchObject({ reached: false, answeredBy: 'VOICEMAIL', outcome: 'CALLBACK' });
  });

  it('refuses a callback on a public holiday, naming the field and why, and writes nothing', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    // The next French public holiday that is not a Sunday, within the 90 days a callback may be set.
    const holiday = [...holidaysOf(Number(today().slice(0, 4))), ...holidaysOf(Number(today().slice(0, 4)) + 1)]
      .map((h) => h.day)
      .find((day) => day > today() && day <= plusDays(today(), 85) && new Date(`${day}T12:00:00Z`).getUTCDay() !== 0)!;
    const before = await footprint(fileId);
    await expect(
      logContact({
        actor: agent,
        input: call(fileId, 0, d.phone, { outcome: { type: 'CALLBACK', at: `${holiday}T10:30` } }),
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { 'outcome.at': M.callbackHoliday } });
    expect(await footprint(fileId)).toEqual(before);
  });

  it('judges a callback on the debtor’s clock: 21:00 in Réunion is refused, 10:30 there is taken', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    // The debtor lives in Saint-Denis de La Réunion (UTC+4 all year): their only address.
    await owner.contactPoint.updateMany({
      where: { tenantId: tenantA, id: d.address },
      data: { line1: '2 rue de Paris', postcode: '97400', city: 'Saint-Denis' },
    });
    let day = plusDays(today(), 2);
    while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 2 || isPublicHoliday(day, { region: 'FR_REUNION' }))
      day = plusDays(day, 1);
    // 21:00 in Réunion is 18:00 in Paris in winter: inside the agency's hours, outside the debtor's.
    await expect(
      logContact({
        actor: agent,
        input: call(fileId, 0, d.phone, { outcome: { type: 'CALLBACK', at: `${day}T21:00:00+04:00` } }),
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { 'outcome.at': M.callbackHours } });
    // 10:30 in Réunion is 07:30 in Paris: before the agency's hours there, inside the debtor's.
    const taken = await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, { outcome: { type: 'CALLBACK', at: `${day}T10:30:00+04:00` } }),
    });
    const task = await owner.task.findFirstOrThrow({ where: { tenantId: tenantA, id: taken.taskId! } });
    expect(task.dueAt.toISOString()).toBe(`${day}T06:30:00.000Z`);
  });

  it('with a dispute: dispute row, DISPUTED, and a task to answer it in two days', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const result = await logContact({
      actor: manager,
      input: call(fileId, 0, d.phone, { outcome: { type: 'DISPUTE', reason: 'Marchandise livrée abîmée' } }),
    });
    expect(result.status).toBe('DISPUTED');
    const dispute = await owner.dispute.findFirstOrThrow({ where: { tenantId: tenantA, fileId } });
    expect(dispute).toMatchObject({
      id: result.disputeId,
      status: 'OPEN',
      reason: 'Marchandise livrée abîmée',
      openedBy: manager.membershipId,
    });
    const task = await owner.task.findFirstOrThrow({ where: { tenantId: tenantA, id: result.taskId! } });
    // Assigned to the file's agent, due at the start of the day after tomorrow (agency time).
    expect(task).toMatchObject({ kind: 'DISPUTE', status: 'OPEN', assigneeId: agent.membershipId });
    expect(dayIn('Europe/Paris', task.dueAt)).toBe(plusDays(today(), 2));
    expect(dayIn('Europe/Paris', new Date(task.dueAt.getTime() - 1))).toBe(plusDays(today(), 1));
    expect((await fileRow(fileId)).status).toBe('DISPUTED');
  });

  it('with a refusal: the timeline only (a new file starts its amicable phase)', async () => {
    const d = await makeDebtor(['NEW']);
    const fileId = d.files[0]!;
    await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, { outcome: { type: 'REFUSAL', note: 'Refuse de payer' } }),
    });
    const after = await footprint(fileId);
    expect(after).toMatchObject({
      version: 1,
      status: 'IN_PROGRESS',
      activities: 1,
      tasks: 0,
      promises: 0,
      disputes: 0,
    });
    const [activity] = await activitiesOf(fileId);
    expect(activity!.details).toMatchObject({ outcome: 'REFUSAL', refusalNote: 'Refuse de payer' });
  });

  it('with a wrong party: the number used is marked WRONG_NUMBER', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, { answeredBy: 'THIRD_PARTY', outcome: 'WRONG_PARTY' }),
    });
    const point = await owner.contactPoint.findFirstOrThrow({ where: { tenantId: tenantA, id: d.phone } });
    expect(point.status).toBe('WRONG_NUMBER');
    expect(Date.now() - point.statusChangedAt!.getTime()).toBeLessThan(60_000);
    const [activity] = await activitiesOf(fileId);
    expect(activity!.details).toMatchObject({ outcome: 'WRONG_PARTY', contactPointStatus: 'VALID → WRONG_NUMBER' });
  });

  it('an e-mail and a note: the e-mail counts as a contact, the note does not', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await logContact({ actor: agent, input: { fileId, expectedVersion: 0, channel: 'NOTE', note: 'Dossier relu' } });
    expect((await fileRow(fileId)).lastContactAt).toBeNull();
    await logContact({
      actor: agent,
      input: { fileId, expectedVersion: 1, channel: 'EMAIL', contactPointId: d.email, note: 'Relance envoyée' },
    });
    expect((await fileRow(fileId)).lastContactAt).not.toBeNull();
    expect((await activitiesOf(fileId)).map((a) => a.kind)).toEqual(['contact.note', 'contact.email']);
  });

  it('refuses a do-not-contact number as the number used, and writes nothing', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const before = await footprint(fileId);
    const error = await logContact({ actor: agent, input: call(fileId, 0, d.dncPhone) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID', fields: { contactPointId: M.doNotContact } });
    expect(await footprint(fileId)).toEqual(before);
  });

  it('refuses a number of another debtor, and an address given for a call', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const other = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await expect(logContact({ actor: agent, input: call(fileId, 0, other.phone) })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { contactPointId: M.notDebtorsPoint },
    });
    await expect(logContact({ actor: agent, input: call(fileId, 0, d.address) })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { contactPointId: M.wrongPointKind },
    });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const before = await footprint(fileId);
    const error = await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, {
        outcome: { type: 'PROMISE', amountCents: -500, dueOn: plusDays(today(), -1) },
      }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID',
      fields: { 'outcome.amountCents': M.amount, 'outcome.dueOn': M.promiseDay },
    });
    expect((error as Error).message).toContain(`outcome.amountCents: ${M.amount}`);
    expect(await footprint(fileId)).toEqual(before);
  });
});

describe('two agents on the same file', () => {
  it('the second save with the same version is a CONFLICT naming the first change, and writes nothing', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const results = await Promise.allSettled([
      logContact({
        actor: agent,
        input: call(fileId, 0, d.phone, { outcome: { type: 'PROMISE', amountCents: 1000, dueOn: today() } }),
      }),
      logContact({
        actor: manager,
        input: call(fileId, 0, d.phone, { outcome: { type: 'DISPUTE', reason: 'Conteste tout' } }),
      }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect([won.length, lost.length]).toEqual([1, 1]);
    expect(lost[0]!.reason).toMatchObject({ code: 'CONFLICT' });
    const winner = results[0]!.status === 'fulfilled' ? agent : manager;
    const winnerName = (await owner.identity.findUniqueOrThrow({ where: { id: winner.identityId } })).name;
    // The API speaks English; the file page shows the same change in its reader's language (the one mapper).
    const english = toErrorBody(lost[0]!.reason).body.error;
    expect(english.ref.key).toBe('errors.stale.changed');
    expect(english.message).toContain(`version 1, you had 0`);
    expect(english.message).toContain(`last change by ${winnerName}`);
    expect(english.message).toContain('Call to 06 39 98 00 01');
    const french = describeError(lost[0]!.reason, 'fr').body.error.message;
    expect(french).toContain(`version 1, vous aviez la 0`);
    expect(french).toContain(`dernière modification par ${winnerName}`);
    expect(french).not.toContain('Call to');

    const after = await footprint(fileId);
    expect(after).toMatchObject({ version: 1, activities: 1, audit: 1 });
    // Only the winner's consequence exists.
    expect(after.promises + after.disputes).toBe(1);
  });

  it('every action checks the version it was read at', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await updateFileInfo({ actor: agent, input: { fileId, expectedVersion: 0, employer: 'Renault' } });
    const stale = { fileId, expectedVersion: 0 };
    const attempts = [
      () => updateFileInfo({ actor: manager, input: { ...stale, employer: 'Peugeot' } }),
      () =>
        addContactPoint({ actor: manager, input: { ...stale, kind: 'PHONE', phone: '0478000000', source: 'debtor' } }),
      () =>
        setContactStatus({
          actor: manager,
          input: { ...stale, contactPointId: d.email, status: 'VALID', reason: 'ok' },
        }),
      () => recordCompanyEvent({ actor: manager, input: { ...stale, kind: 'SEAT_CHANGE', occurredOn: today() } }),
      () => logContact({ actor: manager, input: call(fileId, 0, d.phone) }),
      () =>
        resolveDispute({
          actor: manager,
          input: { ...stale, disputeId: d.phone, decision: 'UPHELD', resolution: 'x' },
        }),
      () => completeTask({ actor: manager, input: { ...stale, taskId: d.phone } }),
      () => cancelPromise({ actor: manager, input: { ...stale, promiseId: d.phone, reason: 'x' } }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await footprint(fileId)).toMatchObject({ version: 1, activities: 1 });
  });
});

describe('who may act', () => {
  it('another agency’s file is not found, for every action', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const before = await footprint(fileId);
    const base = { fileId, expectedVersion: 0 };
    const attempts = [
      () => logContact({ actor: agentB, input: call(fileId, 0, d.phone) }),
      () => updateFileInfo({ actor: agentB, input: { ...base, bank: 'BNP' } }),
      () =>
        recordCompanyEvent({
          actor: agentB,
          input: { ...base, kind: 'LIQUIDATION', courtSeat: 'METROPOLE', occurredOn: today() },
        }),
      () =>
        addContactPoint({ actor: agentB, input: { ...base, kind: 'EMAIL', email: 'x@example.org', source: 'debtor' } }),
      () =>
        setContactStatus({ actor: agentB, input: { ...base, contactPointId: d.phone, status: 'VALID', reason: 'x' } }),
      () => fileWorkspace(agentB, fileId),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await footprint(fileId)).toEqual(before);
  });

  it('a creditor user cannot act on a file, even its own creditor’s', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await owner.caseFile.update({
      where: { tenantId_id: { tenantId: tenantA, id: fileId } },
      data: {
        creditorId: creditorUser.creditorId!,
        mandateId: (
          await owner.mandate.findFirstOrThrow({ where: { tenantId: tenantA, creditorId: creditorUser.creditorId! } })
        ).id,
      },
    });
    const before = await footprint(fileId);
    const base = { fileId, expectedVersion: 0 };
    const id = '00000000-0000-4000-8000-000000000000';
    const attempts = [
      () => logContact({ actor: creditorUser, input: call(fileId, 0, d.phone) }),
      () => updateFileInfo({ actor: creditorUser, input: { ...base, bank: 'BNP' } }),
      () =>
        recordCompanyEvent({
          actor: creditorUser,
          input: { ...base, kind: 'LIQUIDATION', courtSeat: 'METROPOLE', occurredOn: today() },
        }),
      () =>
        addContactPoint({
          actor: creditorUser,
          input: { ...base, kind: 'EMAIL', email: 'x@example.org', source: 'x' },
        }),
      () =>
        setContactStatus({
          actor: creditorUser,
          input: { ...base, contactPointId: d.phone, status: 'VALID', reason: 'x' },
        }),
      () =>
        resolveDispute({
          actor: creditorUser,
          input: { ...base, disputeId: id, decision: 'REJECTED', resolution: 'x' },
        }),
      () => completeTask({ actor: creditorUser, input: { ...base, taskId: id } }),
      () => cancelPromise({ actor: creditorUser, input: { ...base, promiseId: id, reason: 'x' } }),
      () => fileWorkspace(creditorUser, fileId),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await footprint(fileId)).toEqual(before);
  });
});

describe('file information', () => {
  it('upserts file_info and lists what changed on the timeline; an unchanged form is no event', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const first = await updateFileInfo({
      actor: agent,
      input: {
        fileId,
        expectedVersion: '0',
        nonPaymentReason: 'FINANCIAL_DIFFICULTY',
        nonPaymentNote: 'Perte d’un gros client',
        solvency: 'UNCERTAIN',
        employer: '',
        bank: 'Crédit Agricole Centre-Est',
      },
      ip: '192.0.2.8',
    });
    expect(first).toEqual({
      fileId,
      version: 1,
      changed: ['nonPaymentReason', 'nonPaymentNote', 'solvency', 'bank'],
    });
    expect(await owner.fileInfo.findFirstOrThrow({ where: { tenantId: tenantA, fileId } })).toMatchObject({
      nonPaymentReason: 'FINANCIAL_DIFFICULTY',
      nonPaymentNote: 'Perte d’un gros client',
      solvency: 'UNCERTAIN',
      solvencyNote: null,
      employer: null,
      bank: 'Crédit Agricole Centre-Est',
      updatedBy: agent.membershipId,
    });
    const second = await updateFileInfo({
      actor: agent,
      input: { fileId, expectedVersion: 1, nonPaymentReason: 'FINANCIAL_DIFFICULTY', solvency: 'INSOLVENT' },
    });
    expect(second.changed).toEqual(['nonPaymentNote', 'solvency', 'bank']);
    const [a1, a2] = await activitiesOf(fileId);
    expect(a1).toMatchObject({
      kind: 'info.updated',
      text: 'Informations mises à jour : motif de non-paiement, précisions sur le motif, solvabilité et banque',
    });
    expect(a2!.details).toMatchObject({
      changed: ['nonPaymentNote', 'solvency', 'bank'],
      from: { solvency: 'UNCERTAIN', bank: 'Crédit Agricole Centre-Est' },
      to: { solvency: 'INSOLVENT', bank: null },
    });
    expect((await auditOf(fileId)).map((a) => a.action)).toEqual(['file_info.updated', 'file_info.updated']);

    const same = await updateFileInfo({
      actor: agent,
      input: { fileId, expectedVersion: 2, nonPaymentReason: 'FINANCIAL_DIFFICULTY', solvency: 'INSOLVENT' },
    });
    expect(same).toEqual({ fileId, version: 2, changed: [] });
    expect(await footprint(fileId)).toMatchObject({ version: 2, activities: 2 });
  });

  it('requires a note when the reason is OTHER', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    await expect(
      updateFileInfo({ actor: agent, input: { fileId: d.files[0], expectedVersion: 0, nonPaymentReason: 'OTHER' } }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { nonPaymentNote: M.otherNeedsNote } });
  });
});

describe('company events', () => {
  const NOW = new Date('2026-11-25T10:00:00Z');

  it('insolvency suspends every open file of the debtor, with a follow-up due two months after the BODACC', async () => {
    const d = await makeDebtor(['NEW', 'PROMISE', 'PAID', 'AWAITING_JUDICIAL']);
    const [fresh, promised, paid, judicial] = d.files as [string, string, string, string];
    const unrelated = (await makeDebtor(['IN_PROGRESS'])).files[0]!;
    const promise = await owner.paymentPromise.create({
      data: { tenantId: tenantA, fileId: promised, amountCents: 20_000n, dueOn: new Date('2026-12-01T00:00:00Z') },
    });
    const callback = await owner.task.create({
      data: { tenantId: tenantA, fileId: promised, kind: 'CALLBACK', dueAt: new Date('2026-11-27T09:00:00Z') },
    });
    const paidBefore = await footprint(paid);

    const result = await recordCompanyEvent({
      actor: agent,
      input: {
        fileId: promised,
        expectedVersion: 0,
        kind: 'RECEIVERSHIP',
        occurredOn: '2026-10-20',
        publishedOn: '2026-10-31',
        courtSeat: 'METROPOLE',
        note: 'Jugement du TC de Lyon',
      },
      now: NOW,
    });

    expect([...result.suspendedFileIds].sort()).toEqual([fresh, promised, judicial].sort());
    expect(result.version).toBe(1);
    for (const id of [fresh, promised, judicial]) {
      expect(await fileRow(id)).toMatchObject({ status: 'SUSPENDED', phase: 'AMICABLE', version: 1 });
      const [task] = await owner.task.findMany({
        where: { tenantId: tenantA, fileId: id, kind: 'INSOLVENCY_FOLLOW_UP' },
      });
      // 31 October + 2 months = Thursday 31 December (R622-24); the task falls due 15 days before, on 16 December,
      // at midnight Paris time (UTC+1 in winter), so the agent is alerted before the deadline lapses.
      expect(task).toMatchObject({ status: 'OPEN', assigneeId: agent.membershipId });
      expect(task!.dueAt).toEqual(new Date('2026-12-15T23:00:00Z'));
      // What the task says is a reference, read in each reader's language.
      expect(task!.note).toBeNull();
      expect(task!.noteRef).toEqual({
        key: 'insolvency.declare',
        values: { event: 'RECEIVERSHIP', publishedOn: '2026-10-31', deadline: '2026-12-31', months: 2, lapsed: false },
      });
      expect(taskNoteText(task!, 'fr', 'Europe/Paris')).toContain('au plus tard le 31 déc. 2026 (2 mois');
      expect(taskNoteText(task!, 'en', 'Europe/Paris')).toContain('by 31 Dec 2026 (2 months after publication');
      const [activity] = await activitiesOf(id);
      expect(activity).toMatchObject({
        kind: 'company.event',
        text:
          'Redressement judiciaire le 20 oct. 2026, publication BODACC le 31 oct. 2026, siège du tribunal : ' +
          'France métropolitaine — recouvrement suspendu, ' +
          'déclaration de créance avant le 31 déc. 2026',
      });
      expect(activity!.details).toMatchObject({ eventId: result.eventId, declarationDeadline: '2026-12-31' });
    }
    // L622-7: the pending promise falls, and nobody is asked to call the debtor any more.
    expect(
      (await owner.paymentPromise.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenantA, id: promise.id } } }))
        .status,
    ).toBe('CANCELLED');
    expect(
      (await owner.task.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenantA, id: callback.id } } })).status,
    ).toBe('CANCELLED');
    expect(await footprint(paid)).toEqual(paidBefore);
    expect((await fileRow(unrelated)).status).toBe('IN_PROGRESS');

    const event = await owner.companyEvent.findFirstOrThrow({ where: { tenantId: tenantA, debtorId: d.debtorId } });
    expect(event).toMatchObject({
      kind: 'RECEIVERSHIP',
      occurredOn: new Date('2026-10-20T00:00:00Z'),
      publishedOn: new Date('2026-10-31T00:00:00Z'),
      recordedBy: agent.membershipId,
    });
    const [audit] = await auditOf(d.debtorId);
    expect(audit).toMatchObject({ action: 'company_event.recorded' });
    expect(audit!.details).toMatchObject({ kind: 'RECEIVERSHIP', files: 3, suspended: 3 });

    // Collection has stopped: no promise can be taken on a suspended file.
    await expect(
      logContact({
        actor: agent,
        input: call(fresh, 1, d.phone, { outcome: { type: 'PROMISE', amountCents: 100, dueOn: today() } }),
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { 'outcome.type': M.suspended } });
  });

  it('without a publication date, the follow-up is due now and says the date must be found', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await recordCompanyEvent({
      actor: agent,
      input: { fileId, expectedVersion: 0, kind: 'LIQUIDATION', courtSeat: 'METROPOLE', occurredOn: '2026-11-20' },
      now: NOW,
    });
    const task = await owner.task.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'INSOLVENCY_FOLLOW_UP' },
    });
    expect(task.dueAt).toEqual(NOW);
    expect(task.note).toBeNull();
    expect(task.noteRef).toEqual({
      key: 'insolvency.publicationUnknown',
      values: { event: 'LIQUIDATION', occurredOn: '2026-11-20' },
    });
    expect(taskNoteText(task, 'fr', 'Europe/Paris')).toContain('date de publication au BODACC inconnue');
    expect(taskNoteText(task, 'en', 'Europe/Paris')).toContain('BODACC publication date unknown');
  });

  it('over-indebtedness suspends a person’s files and is refused for a company', async () => {
    const person = await makeDebtor(['IN_PROGRESS'], 'PERSON');
    await recordCompanyEvent({
      actor: agent,
      input: { fileId: person.files[0], expectedVersion: 0, kind: 'OVER_INDEBTEDNESS', occurredOn: '2026-11-02' },
      now: NOW,
    });
    expect((await fileRow(person.files[0]!)).status).toBe('SUSPENDED');
    expect(
      await owner.task.count({ where: { tenantId: tenantA, fileId: person.files[0]!, kind: 'INSOLVENCY_FOLLOW_UP' } }),
    ).toBe(1);

    const company = await makeDebtor(['IN_PROGRESS']);
    await expect(
      recordCompanyEvent({
        actor: agent,
        input: { fileId: company.files[0], expectedVersion: 0, kind: 'OVER_INDEBTEDNESS', occurredOn: '2026-11-02' },
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { kind: expect.any(String) } });
  });

  it('a change of registered office goes on the timeline with a review task, collection goes on', async () => {
    const d = await makeDebtor(['PROMISE']);
    const fileId = d.files[0]!;
    await recordCompanyEvent({
      actor: agent,
      input: { fileId, expectedVersion: 0, kind: 'SEAT_CHANGE', occurredOn: '2026-11-02', publishedOn: '2026-11-10' },
      now: NOW,
    });
    expect(await fileRow(fileId)).toMatchObject({ status: 'PROMISE', version: 1 });
    const tasks = await owner.task.findMany({ where: { tenantId: tenantA, fileId } });
    expect(tasks.map((t) => t.kind)).toEqual(['REVIEW']);
    expect(taskNoteText(tasks[0]!, 'fr', 'Europe/Paris')).toBe(
      'Transfert du siège social le 2 nov. 2026 : vérifier les coordonnées, le débiteur et la suite du dossier.',
    );
    expect(taskNoteText(tasks[0]!, 'en', 'Europe/Paris')).toBe(
      'Registered office moved on 2 Nov 2026: check the contact details, the debtor and what comes next for the file.',
    );
    expect((await activitiesOf(fileId))[0]!.text).toBe(
      'Transfert du siège social le 2 nov. 2026, publication BODACC le 10 nov. 2026',
    );
  });

  it('refuses an event dated in the future', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    await expect(
      recordCompanyEvent({
        actor: agent,
        input: { fileId: d.files[0], expectedVersion: 0, kind: 'CESSATION', occurredOn: '2026-11-26' },
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { occurredOn: M.future } });
  });
});

describe('contact points', () => {
  it('adds a located phone number, normalised, with its source and date', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const result = await addContactPoint({
      actor: agent,
      input: {
        fileId,
        expectedVersion: 0,
        kind: 'PHONE',
        phone: '04.78.00.12.34',
        source: 'skip tracing: Pages Jaunes',
        foundOn: '2026-11-20',
      },
    });
    expect(
      await owner.contactPoint.findFirstOrThrow({ where: { tenantId: tenantA, id: result.contactPointId } }),
    ).toMatchObject({
      debtorId: d.debtorId,
      kind: 'PHONE',
      phone: '+33478001234',
      status: 'UNVERIFIED',
      source: 'skip tracing: Pages Jaunes',
      foundOn: new Date('2026-11-20T00:00:00Z'),
    });
    const [activity] = await activitiesOf(fileId);
    expect(activity).toMatchObject({
      kind: 'debtor.located',
      text: 'Téléphone trouvé(e) : 04 78 00 12 34 (source : skip tracing: Pages Jaunes, le 20 nov. 2026)',
    });
    expect((await auditOf(result.contactPointId))[0]).toMatchObject({ action: 'contact_point.added' });
    expect(result.version).toBe(1);

    await expect(
      addContactPoint({
        actor: agent,
        input: { fileId, expectedVersion: 1, kind: 'PHONE', phone: '+33 4 78 00 12 34', source: 'debtor' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { phone: 'workspace.errors.alreadyKnown' } });
  });

  it('adds an address and refuses one without a valid postcode', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await expect(
      addContactPoint({
        actor: agent,
        input: {
          fileId,
          expectedVersion: 0,
          kind: 'ADDRESS',
          line1: '8 quai Saint-Vincent',
          postcode: '6901',
          city: 'Lyon',
          source: 'debtor',
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { postcode: M.postcode } });
    const { contactPointId } = await addContactPoint({
      actor: agent,
      input: {
        fileId,
        expectedVersion: 0,
        kind: 'ADDRESS',
        line1: '8 quai Saint-Vincent',
        postcode: '69 001',
        city: 'Lyon',
        source: 'debtor',
      },
    });
    const point = await owner.contactPoint.findFirstOrThrow({ where: { tenantId: tenantA, id: contactPointId } });
    expect(point).toMatchObject({ line1: '8 quai Saint-Vincent', postcode: '69001', city: 'Lyon', country: 'FR' });
    expect(point.foundOn!.toISOString().slice(0, 10)).toBe(today());
  });

  it('changes a status with its reason; do-not-contact is only lifted on purpose', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await setContactStatus({
      actor: agent,
      input: {
        fileId,
        expectedVersion: 0,
        contactPointId: d.address,
        status: 'RETURNED_MAIL',
        reason: 'NPAI le 20/11',
      },
    });
    expect((await owner.contactPoint.findFirstOrThrow({ where: { tenantId: tenantA, id: d.address } })).status).toBe(
      'RETURNED_MAIL',
    );
    expect((await activitiesOf(fileId))[0]).toMatchObject({
      kind: 'contact_point.status',
      text: 'Adresse 3 rue de la Paix, 69002 Lyon : courrier retourné (NPAI) — NPAI le 20/11',
    });

    const silent = {
      fileId,
      expectedVersion: 1,
      contactPointId: d.dncPhone,
      status: 'VALID',
      reason: 'Le débiteur rappelle',
    };
    await expect(setContactStatus({ actor: agent, input: silent })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { liftDoNotContact: LIFT_DO_NOT_CONTACT },
    });
    expect((await owner.contactPoint.findFirstOrThrow({ where: { tenantId: tenantA, id: d.dncPhone } })).status).toBe(
      'DO_NOT_CONTACT',
    );
    await setContactStatus({ actor: manager, input: { ...silent, liftDoNotContact: 'true' } });
    expect((await owner.contactPoint.findFirstOrThrow({ where: { tenantId: tenantA, id: d.dncPhone } })).status).toBe(
      'VALID',
    );
    expect((await auditOf(d.dncPhone)).map((a) => a.action)).toEqual(['contact_point.do_not_contact_lifted']);
    expect((await activitiesOf(fileId))[1]!.details).toMatchObject({
      statusFrom: 'DO_NOT_CONTACT',
      liftedDoNotContact: true,
    });
  });
});

describe('disputes, tasks and promises', () => {
  async function disputed() {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const logged = await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, { outcome: { type: 'DISPUTE', reason: 'Facture déjà réglée' } }),
    });
    return { fileId, disputeId: logged.disputeId!, taskId: logged.taskId! };
  }

  it('a rejected dispute sends the file back to work and closes its task', async () => {
    const { fileId, disputeId, taskId } = await disputed();
    const result = await resolveDispute({
      actor: agent,
      input: { fileId, expectedVersion: 1, disputeId, decision: 'REJECTED', resolution: 'Aucun règlement reçu' },
    });
    expect(result).toMatchObject({ status: 'IN_PROGRESS', version: 2, closedTaskIds: [taskId], reviewTaskId: null });
    expect(await owner.dispute.findFirstOrThrow({ where: { tenantId: tenantA, id: disputeId } })).toMatchObject({
      status: 'REJECTED',
      resolution: 'Aucun règlement reçu',
    });
    expect((await owner.task.findFirstOrThrow({ where: { tenantId: tenantA, id: taskId } })).status).toBe('DONE');
    expect((await activitiesOf(fileId))[1]).toMatchObject({
      kind: 'dispute.resolved',
      text: 'Contestation rejetée — Aucun règlement reçu',
    });
    expect((await auditOf(disputeId)).map((a) => a.action)).toEqual(['dispute.resolved']);
    await expect(
      resolveDispute({
        actor: agent,
        input: { fileId, expectedVersion: 2, disputeId, decision: 'UPHELD', resolution: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { disputeId: 'workspace.errors.alreadyDone' } });
  });

  it('an upheld dispute keeps the file open and disputed, with a review task', async () => {
    const { fileId, disputeId } = await disputed();
    const result = await resolveDispute({
      actor: agent,
      input: { fileId, expectedVersion: 1, disputeId, decision: 'UPHELD', resolution: 'Avoir à émettre' },
    });
    expect(result.status).toBe('DISPUTED');
    const review = await owner.task.findFirstOrThrow({ where: { tenantId: tenantA, id: result.reviewTaskId! } });
    expect(review).toMatchObject({ kind: 'REVIEW', status: 'OPEN', note: null, noteRef: { key: 'dispute.upheld' } });
    expect(taskNoteText(review, 'en', 'Europe/Paris')).toMatch(/^Dispute upheld: ask the creditor/);
    expect(await fileRow(fileId)).toMatchObject({ status: 'DISPUTED', phase: 'AMICABLE' });
  });

  it('completes a task once', async () => {
    const { fileId, taskId } = await disputed();
    await completeTask({ actor: agent, input: { fileId, expectedVersion: 1, taskId, note: 'Réponse envoyée' } });
    const task = await owner.task.findFirstOrThrow({ where: { tenantId: tenantA, id: taskId } });
    expect(task.status).toBe('DONE');
    expect(task.doneAt).not.toBeNull();
    expect((await activitiesOf(fileId))[1]).toMatchObject({
      kind: 'task.completed',
      text: 'Tâche « Contestation à traiter » terminée — Réponse envoyée',
    });
    await expect(completeTask({ actor: agent, input: { fileId, expectedVersion: 2, taskId } })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { taskId: 'workspace.errors.alreadyDone' },
    });
  });

  it('cancels a pending promise and the file leaves PROMISE', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const { promiseId } = await logContact({
      actor: agent,
      input: call(fileId, 0, d.phone, { outcome: { type: 'PROMISE', amountCents: 4200, dueOn: today() } }),
    });
    const result = await cancelPromise({
      actor: agent,
      input: { fileId, expectedVersion: 1, promiseId, reason: 'Saisie en double' },
    });
    expect(result).toEqual({ fileId, version: 2, status: 'IN_PROGRESS' });
    expect((await owner.paymentPromise.findFirstOrThrow({ where: { tenantId: tenantA, id: promiseId! } })).status).toBe(
      'CANCELLED',
    );
    expect((await activitiesOf(fileId))[1]!.kind).toBe('promise.cancelled');
    expect((await auditOf(promiseId!)).map((a) => a.action)).toEqual(['promise.cancelled']);
  });
});

describe('the nightly promise check', () => {
  it('breaks promises past their day and a day of grace, keeps covered ones, leaves the others', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const made = new Date('2026-11-10T09:00:00Z');
    const d = await makeDebtor(['PROMISE', 'PROMISE', 'PROMISE']);
    const [late, paid, graced] = d.files as [string, string, string];
    const promise = (fileId: string, dueOn: string) =>
      owner.paymentPromise.create({
        data: {
          tenantId: tenantA,
          fileId,
          amountCents: 10_000n,
          dueOn: new Date(`${dueOn}T00:00:00Z`),
          createdAt: made,
        },
      });
    const broken = await promise(late, '2026-11-23');
    const kept = await promise(paid, '2026-11-23');
    const waiting = await promise(graced, '2026-11-24');
    await owner.payment.create({
      data: {
        tenantId: tenantA,
        fileId: paid,
        creditorId: placement.creditorId,
        amountCents: 10_000n,
        method: 'TRANSFER',
        receivedOn: new Date('2026-11-22T00:00:00Z'),
        recordedAt: new Date('2026-11-22T10:00:00Z'),
      },
    });

    const report = await breakDuePromises({ tenantId: tenantA, now });
    expect(report).toMatchObject({ tenants: 1, broken: 1, kept: 1, cancelled: 0 });
    const statusOf = async (id: string) =>
      (await owner.paymentPromise.findFirstOrThrow({ where: { tenantId: tenantA, id } })).status;
    expect([await statusOf(broken.id), await statusOf(kept.id), await statusOf(waiting.id)]).toEqual([
      'BROKEN',
      'KEPT',
      'PENDING',
    ]);
    expect(await fileRow(late)).toMatchObject({ status: 'IN_PROGRESS', version: 1 });
    expect(await fileRow(graced)).toMatchObject({ status: 'PROMISE', version: 0 });
    expect((await activitiesOf(late))[0]).toMatchObject({
      kind: 'promise.broken',
      actorId: null,
      text: 'Promesse de 100,00\u00a0€ pour le 23 nov. 2026 non tenue (0,00\u00a0€ reçus depuis) — dossier remis en traitement',
    });
    expect((await auditOf(broken.id))[0]).toMatchObject({ action: 'promise.broken', actorId: null });

    // A second run finds nothing left to do.
    expect(await breakDuePromises({ tenantId: tenantA, now })).toMatchObject({ broken: 0, kept: 0, fileIds: [] });
  });
});

describe('the file workspace and the action answer', () => {
  it('returns what the file page needs, with the version to edit against', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    await updateFileInfo({ actor: agent, input: { fileId, expectedVersion: 0, employer: 'Renault Trucks' } });
    await logContact({
      actor: agent,
      input: call(fileId, 1, d.phone, { outcome: { type: 'DISPUTE', reason: 'Prix non conforme' } }),
    });
    const w = await fileWorkspace(agent, fileId);
    expect(w).toMatchObject({ fileId, version: 2, info: { employer: 'Renault Trucks', solvency: null } });
    expect(w.openTasks).toEqual([expect.objectContaining({ kind: 'DISPUTE', assigneeId: agent.membershipId })]);
    expect(w.openTasks[0]!.assigneeName).toBe(agent.name);
    expect(w.disputes).toEqual([expect.objectContaining({ reason: 'Prix non conforme', status: 'OPEN' })]);
    expect(w.contactPoints.map((c) => [c.value, c.status])).toEqual([
      ['06 39 98 00 01', 'VALID'],
      ['06 39 98 00 02', 'DO_NOT_CONTACT'],
      ['compta@example.org', 'UNVERIFIED'],
      ['3 rue de la Paix, 69002 Lyon', 'UNVERIFIED'],
    ]);
    expect(w.contactPoints[0]).toMatchObject({ phone: '+33639980001', source: 'creditor' });
    expect(w.lastContactAt).not.toBeNull();
  });

  it('maps errors to { ok: false, error: { code, message, fields } }', async () => {
    const d = await makeDebtor(['IN_PROGRESS']);
    const fileId = d.files[0]!;
    const stale = await toActionResult(() => logContact({ actor: agent, input: call(fileId, 5, d.phone) }));
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: {} } });
    const invalid = await toActionResult(() =>
      logContact({ actor: agent, input: { fileId, expectedVersion: 0, channel: 'FAX' } }),
    );
    // Outside a request the reader's locale is the app's default, French.
    expect(invalid).toEqual({
      ok: false,
      error: {
        code: 'INVALID',
        message: 'Rien n’a été enregistré : corrigez les champs signalés.',
        fields: { channel: 'Choisissez appel, e-mail, visite ou note.' },
        ref: { key: 'errors.codes.INVALID' },
      },
    });
    const ok = await toActionResult(() => logContact({ actor: agent, input: call(fileId, 0, d.phone) }));
    expect(ok).toMatchObject({ ok: true, data: { fileId, version: 1 } });
    expect(await versionOf(fileId)).toBe(1);
  });
});
