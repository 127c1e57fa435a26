import { timelineRenderer } from '../../lib/history/render';
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '../../lib/dates/days';
import { queuePrefix } from '../../lib/queue/names';
import { createProducer } from '../../lib/queue/producers';
import { workerConnection } from '../../lib/redis/connection';
import { seedAgency } from '../../lib/demo/seed-agency';
import { inTenant } from '../../lib/db/tenant';
import type { Actor } from '../../lib/tenancy/actor';
import { resolveActor } from '../../lib/tenancy/resolve-actor';
import { assignFiles } from '../../lib/workqueue/assign-files';
import { QUEUE_MESSAGES as M } from '../../lib/workqueue/messages';
import { assignmentOverview, nextFileId, workQueue } from '../../lib/workqueue/queries';
import { rebalanceLoad } from '../../lib/workqueue/rebalance-load';
import { refreshFiles, refreshTenantQueue } from '../../lib/workqueue/refresh';
import { runWorkqueueRefreshJob } from '../../lib/workqueue/refresh-job';
import { addDays } from '../../lib/dates/days';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

/** Timeline lines as a French reader sees them. */
const fr = timelineRenderer('fr', 'Europe/Paris');

const owner = ownerDb();
const today = dayIn('Europe/Paris');
let tenantA: string;
let tenantB: string;
let agent: Actor;
let agent2: Actor;
let manager: Actor;
let creditorUser: Actor;
let managerB: Actor;
let agentB: Actor;
/** Open files of agency A, by reference; F1… are set up below with known facts. */
let open: string[];
let closedFile: string;
let fileOfB: string;
const F: Record<string, string> = {};

const sql = (text: string, ...values: unknown[]) => owner.$executeRawUnsafe(text, ...values);

/** A staff member made for the test, signed in through the real resolver. */
async function newStaff(tenantId: string, role: 'AGENT' | 'MANAGER', active = true): Promise<Actor> {
  const identity = await owner.identity.create({
    data: { email: `${uniqueSlug('wq')}@example.com`, passwordHash: 'x', name: `Agent ${uniqueSlug('n')}` },
  });
  const m = await owner.membership.create({ data: { tenantId, identityId: identity.id, role, active } });
  if (!active) return { ...agent, membershipId: m.id, identityId: identity.id, name: identity.name };
  return resolveActor({ tenantId, membershipId: m.id, identityId: identity.id });
}

/** Known facts: 300 € owed, 400 days past due, last contact 10 days ago, nothing due, held by `holder`. */
async function plain(fileId: string, holder: string | null, atStakeCents = 30_000) {
  // The queue reads each claim's limitation date: none here (a claim without one brings no limitation reason).
  // First, since the claims' update trigger sums the file's principal again, which the file's update then sets.
  await sql(`UPDATE claim SET limitation_on = NULL WHERE file_id = $1::uuid`, fileId);
  await sql(
    `UPDATE case_file SET status = 'IN_PROGRESS', phase = 'AMICABLE', closed_at = NULL, principal_cents = $2,
            collected_cents = 0, oldest_due_on = $3::date, last_contact_at = ($4::date + time '12:00') AT TIME ZONE 'UTC',
            limitation_on = NULL, assignee_id = $5::uuid, placed_at = ($6::date + time '12:00') AT TIME ZONE 'UTC'
      WHERE id = $1::uuid`,
    fileId,
    atStakeCents,
    addDays(today, -400),
    addDays(today, -10),
    holder,
    addDays(today, -200),
  );
}

async function addTask(tenantId: string, fileId: string, kind: string, source: string, dueAtSql: string) {
  await sql(
    `INSERT INTO task (tenant_id, file_id, kind, source, due_at) VALUES ($1::uuid, $2::uuid, $3::"TaskKind", $4, ${dueAtSql})`,
    tenantId,
    fileId,
    kind,
    source,
  );
}

async function rank(fileId: string) {
  const f = await owner.caseFile.findFirstOrThrow({
    where: { id: fileId },
    select: { priorityScore: true, attentionOn: true, priorityReasons: true, version: true, updatedAt: true },
  });
  return { ...f, attentionOn: f.attentionOn?.toISOString().slice(0, 10) ?? null };
}

beforeAll(async () => {
  const seed = { seed: 11, files: 60, password: 'x-password-1' };
  ({ tenantId: tenantA } = await seedAgency(owner, { ...seed, slug: uniqueSlug('wq-a'), name: 'Queue A' }));
  ({ tenantId: tenantB } = await seedAgency(owner, { ...seed, slug: uniqueSlug('wq-b'), name: 'Queue B' }));
  [agent, manager, creditorUser, managerB, agentB] = await Promise.all([
    actorFor(owner, tenantA, 'AGENT'),
    actorFor(owner, tenantA, 'MANAGER'),
    actorFor(owner, tenantA, 'CREDITOR'),
    actorFor(owner, tenantB, 'MANAGER'),
    actorFor(owner, tenantB, 'AGENT'),
  ]);
  agent2 = await newStaff(tenantA, 'AGENT');

  const files = await owner.caseFile.findMany({ where: { tenantId: tenantA }, orderBy: { reference: 'asc' } });
  open = files.filter((f) => f.phase !== 'CLOSED').map((f) => f.id);
  if (open.length < 36) throw new Error(`the tests need 36 open files, the seed made ${open.length}`);
  closedFile = files.find((f) => f.phase === 'CLOSED')!.id;
  // Everyone starts with nothing due and no holder, so only what the tests add is due.
  for (const id of open) await plain(id, null);
  ['F1', 'F2', 'F3', 'F4', 'F5', 'F7'].forEach((name, i) => (F[name] = open[i]!));

  // F1: callback today at 14:30 (Paris), 1,200 € owed → 100 + 10.
  await plain(F.F1!, agent.membershipId, 120_000);
  await addTask(tenantA, F.F1!, 'CALLBACK', 'agent', `(date '${today}' + time '14:30') AT TIME ZONE 'Europe/Paris'`);
  // F2: a 450 € promise due yesterday, still pending → 90.
  await plain(F.F2!, agent.membershipId);
  await sql(
    `INSERT INTO promise (tenant_id, file_id, amount_cents, due_on) VALUES ($1::uuid, $2::uuid, 45000, $3::date)`,
    tenantA,
    F.F2,
    addDays(today, -1),
  );
  // F3: never contacted, placed 5 days ago → 40.
  await plain(F.F3!, agent.membershipId);
  await sql(
    `UPDATE case_file SET last_contact_at = NULL, placed_at = ($2::date + time '12:00') AT TIME ZONE 'UTC' WHERE id = $1::uuid`,
    F.F3,
    addDays(today, -5),
  );
  // F4: a callback in three days: not due today.
  await plain(F.F4!, agent.membershipId);
  await addTask(
    tenantA,
    F.F4!,
    'CALLBACK',
    'agent',
    `(date '${addDays(today, 3)}' + time '10:00') AT TIME ZONE 'Europe/Paris'`,
  );
  // F5: the second agent's overdue promise.
  await plain(F.F5!, agent2.membershipId);
  await sql(
    `INSERT INTO promise (tenant_id, file_id, amount_cents, due_on) VALUES ($1::uuid, $2::uuid, 10000, $3::date)`,
    tenantA,
    F.F5,
    addDays(today, -3),
  );
  // F7: a scenario call due at 00:30 today in Paris, which is still yesterday in UTC → 45.
  await plain(F.F7!, agent.membershipId);
  await addTask(tenantA, F.F7!, 'CALL', 'scenario', `(date '${today}' + time '00:30') AT TIME ZONE 'Europe/Paris'`);
  // A closed file of the agent with a stale rank, which the refresh must clear.
  await sql(
    `UPDATE case_file SET assignee_id = $2::uuid, priority_score = 500, attention_on = $3::date WHERE id = $1::uuid`,
    closedFile,
    agent.membershipId,
    today,
  );

  fileOfB = (await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantB, NOT: { phase: 'CLOSED' } } })).id;
  await sql(`UPDATE case_file SET assignee_id = $2::uuid WHERE id = $1::uuid`, fileOfB, agentB.membershipId);
});
afterAll(() => owner.$disconnect());

describe('refreshFiles', () => {
  it('writes the score, attention date and reasons of each file, in the agency’s time zone', async () => {
    const before = await rank(F.F1!);
    await inTenant({ tenantId: tenantA }, (tx) =>
      refreshFiles(tx, tenantA, [F.F1!, F.F2!, F.F3!, F.F4!, F.F7!, closedFile], today),
    );
    const f1 = await rank(F.F1!);
    expect(f1).toMatchObject({
      priorityScore: 110,
      attentionOn: today,
      priorityReasons: [
        { code: 'CALLBACK_DUE', points: 100, params: { on: today, kind: 'CALLBACK', time: '14:30' } },
        { code: 'AMOUNT', points: 10, params: { amountCents: 120_000 } },
      ],
    });
    // Derived data: the optimistic lock of the file does not move.
    expect(f1.version).toBe(before.version);
    expect(f1.updatedAt).toEqual(before.updatedAt);
    expect(await rank(F.F2!)).toMatchObject({
      priorityScore: 90,
      attentionOn: addDays(today, -1),
      priorityReasons: [
        { code: 'PROMISE_OVERDUE', points: 90, params: { on: addDays(today, -1), amountCents: 45_000 } },
      ],
    });
    expect(await rank(F.F3!)).toMatchObject({
      priorityScore: 40,
      attentionOn: addDays(today, -5),
      priorityReasons: [{ code: 'NEW_FILE', points: 40, params: { on: addDays(today, -5) } }],
    });
    expect(await rank(F.F4!)).toMatchObject({ priorityScore: 0, attentionOn: addDays(today, 3), priorityReasons: [] });
    expect(await rank(F.F7!)).toMatchObject({
      priorityScore: 45,
      attentionOn: today,
      priorityReasons: [{ code: 'SCENARIO_STEP', points: 45, params: { on: today, kind: 'CALL' } }],
    });
    expect(await rank(closedFile)).toMatchObject({ priorityScore: 0, attentionOn: null, priorityReasons: [] });
  });

  it('runs concurrently on overlapping files without deadlocking', async () => {
    const ids = open.slice(0, 12);
    await Promise.all([
      inTenant({ tenantId: tenantA }, (tx) => refreshFiles(tx, tenantA, ids, today)),
      inTenant({ tenantId: tenantA }, (tx) => refreshFiles(tx, tenantA, [...ids].reverse(), today)),
      inTenant({ tenantId: tenantA }, (tx) => refreshFiles(tx, tenantA, ids.slice(3), today)),
    ]);
    expect((await rank(F.F1!)).priorityScore).toBe(110);
  });

  it('cannot touch another agency’s file', async () => {
    await sql(`UPDATE case_file SET priority_score = 7 WHERE id = $1::uuid`, fileOfB);
    await inTenant({ tenantId: tenantA }, (tx) => refreshFiles(tx, tenantA, [fileOfB], today));
    expect((await rank(fileOfB)).priorityScore).toBe(7);
  });
});

describe('refreshTenantQueue', () => {
  it('recomputes every file that is open or still ranked, in batches, reporting progress', async () => {
    await sql(`UPDATE case_file SET priority_score = 999 WHERE id = $1::uuid`, F.F2);
    const progress: { done: number; total: number }[] = [];
    const summary = await refreshTenantQueue(tenantA, today, {
      batchSize: 7,
      onProgress: (p) => void progress.push(p),
    });
    // The closed file's rank was cleared by the previous test, so only the open files are read.
    const files = open.length;
    expect(summary).toMatchObject({ files, batches: Math.ceil(files / 7) });
    expect(progress.at(-1)).toEqual({ done: files, total: files });
    expect(progress.map((p) => p.done)).toEqual(
      Array.from({ length: Math.ceil(files / 7) }, (_, i) => Math.min(files, (i + 1) * 7)),
    );
    expect((await rank(F.F2!)).priorityScore).toBe(90);
    // Written: the open files not refreshed above (all but the first 12) and F2; then nothing is left to write.
    expect(summary.written).toBe(files - 12 + 1);
    expect(await refreshTenantQueue(tenantA, today)).toMatchObject({ files, written: 0 });
    // Time passing alone brings F4 in: in three days its callback is due.
    await refreshTenantQueue(tenantA, addDays(today, 3));
    expect(await rank(F.F4!)).toMatchObject({ priorityScore: 100, attentionOn: addDays(today, 3) });
    await refreshTenantQueue(tenantA, today);
  });
});

describe('workQueue', () => {
  it('lists the agent’s own files due today, highest rank first, with what the screen shows', async () => {
    const page = await workQueue(agent, {});
    expect(page).toMatchObject({ today, total: 4, totalCapped: false, page: 1, pageSize: 25 });
    expect(page.agent).toEqual({ id: agent.membershipId, name: agent.name, self: true });
    expect(page.items.map((i) => [i.id, i.score])).toEqual([
      [F.F1, 110],
      [F.F2, 90],
      [F.F7, 45],
      [F.F3, 40],
    ]);
    const first = page.items[0]!;
    const file = await owner.caseFile.findFirstOrThrow({ where: { id: F.F1 }, include: { debtor: true } });
    expect(first).toMatchObject({
      reference: file.reference,
      debtorName: file.debtor.displayName,
      amountAtStakeCents: 120_000,
      oldestDueOn: addDays(today, -400),
      attentionOn: today,
      reasons: [{ code: 'CALLBACK_DUE' }, { code: 'AMOUNT' }],
      next: { kind: 'task', taskKind: 'CALLBACK' },
    });
    expect(page.items[1]!.next).toEqual({ kind: 'promise', dueOn: addDays(today, -1), amountCents: 45_000 });
  });

  it('pages on the server', async () => {
    const second = await workQueue(agent, { page: '2', pageSize: '3' });
    expect(second.items.map((i) => i.id)).toEqual([F.F3]);
  });

  it('shows the second agent only their file', async () => {
    expect((await workQueue(agent2)).items.map((i) => i.id)).toEqual([F.F5]);
  });

  it('lets a manager open an agent’s queue, but not an agent someone else’s', async () => {
    const seen = await workQueue(manager, { agentId: agent2.membershipId });
    expect(seen.agent).toEqual({ id: agent2.membershipId, name: agent2.name, self: false });
    expect(seen.items.map((i) => i.id)).toEqual([F.F5]);
    await expect(workQueue(agent, { agentId: agent2.membershipId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses creditor users, and another agency’s agent, as not found', async () => {
    await expect(workQueue(creditorUser)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(workQueue(managerB, { agentId: agent.membershipId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(workQueue(manager, { agentId: agentB.membershipId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(workQueue(agent, { pageSize: '500' })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { pageSize: M.pageSize },
    });
  });

  it('another agency’s agent sees none of these files', async () => {
    await refreshTenantQueue(tenantB, today);
    const ids = (await workQueue(agentB, { pageSize: '100' })).items.map((i) => i.id);
    expect(ids.some((id) => Object.values(F).includes(id))).toBe(false);
  });
});

describe('nextFileId', () => {
  it('opens the top file, then the one ranked below, then goes round', async () => {
    expect(await nextFileId(agent)).toBe(F.F1);
    expect(await nextFileId(agent, F.F1)).toBe(F.F2);
    expect(await nextFileId(agent, F.F2)).toBe(F.F7);
    expect(await nextFileId(agent, F.F3)).toBe(F.F1);
  });

  it('after a file has left the queue (its outcome logged), opens the top one', async () => {
    expect(await nextFileId(agent, F.F4)).toBe(F.F1);
    expect(await nextFileId(agent, fileOfB)).toBe(F.F1);
    expect(await nextFileId(agent2, F.F5)).toBeNull();
    await expect(nextFileId(agent, 'not-an-id')).rejects.toMatchObject({ code: 'INVALID' });
    await expect(nextFileId(creditorUser)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('assignFiles', () => {
  it('assigns listed files (ids or references), with a timeline entry each, the open tasks, and an audit', async () => {
    const [x, y] = [open[10]!, open[11]!];
    const yRef = (await owner.caseFile.findFirstOrThrow({ where: { id: y } })).reference;
    await addTask(tenantA, x, 'VISIT', 'agent', `now() + interval '2 days'`);
    const result = await assignFiles({
      actor: manager,
      input: { mode: 'files', agentId: agent2.membershipId, fileIds: `${x}\n${yRef.toLowerCase()}, ${closedFile}` },
      ip: '192.0.2.7',
    });
    // The closed file is left where it is.
    expect(result).toEqual({ count: 2 });
    const rows = await owner.caseFile.findMany({ where: { id: { in: [x, y, closedFile] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.assigneeId]))).toEqual({
      [x]: agent2.membershipId,
      [y]: agent2.membershipId,
      [closedFile]: agent.membershipId,
    });
    const activities = await owner.activity.findMany({ where: { fileId: { in: [x, y] }, kind: 'file.assigned' } });
    expect(activities).toHaveLength(2);
    expect(activities[0]).toMatchObject({
      actorId: manager.membershipId,
      details: { assigneeId: agent2.membershipId, previousAssigneeId: null, via: 'assignment' },
    });
    expect(fr(activities[0]!)).toBe(`Dossier attribué à ${agent2.name}`);
    expect((await owner.task.findFirstOrThrow({ where: { fileId: x } })).assigneeId).toBe(agent2.membershipId);
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId: tenantA, action: 'files.assigned', entityId: agent2.membershipId },
    });
    expect(audit).toMatchObject({
      actorId: manager.membershipId,
      ip: '192.0.2.7',
      details: { mode: 'files', count: 2 },
    });

    // Again: nothing moves, no timeline entry is written.
    const again = await assignFiles({
      actor: manager,
      input: { mode: 'files', agentId: agent2.membershipId, fileIds: [x, y] },
    });
    expect(again).toEqual({ count: 0 });
    expect(await owner.activity.count({ where: { fileId: { in: [x, y] }, kind: 'file.assigned' } })).toBe(2);
  });

  it('assigns a creditor’s unassigned open files', async () => {
    const creditorId = (await owner.caseFile.findFirstOrThrow({ where: { id: open[12]! } })).creditorId;
    const expected = await owner.caseFile.count({
      where: { tenantId: tenantA, creditorId, assigneeId: null, NOT: { phase: 'CLOSED' } },
    });
    expect(expected).toBeGreaterThan(0);
    const result = await assignFiles({
      actor: manager,
      input: { mode: 'creditor', agentId: agent.membershipId, creditorId },
    });
    expect(result).toEqual({ count: expected });
    expect(
      await owner.caseFile.count({
        where: { tenantId: tenantA, creditorId, assigneeId: null, NOT: { phase: 'CLOSED' } },
      }),
    ).toBe(0);
  });

  it('assigns by rule: amount still owed within a range, unassigned only', async () => {
    await sql(`UPDATE case_file SET assignee_id = NULL WHERE id = ANY($1::uuid[])`, open.slice(20, 26));
    await sql(`UPDATE case_file SET principal_cents = 777700 WHERE id = $1::uuid`, open[20]);
    await sql(`UPDATE case_file SET principal_cents = 900000, collected_cents = 100 WHERE id = $1::uuid`, open[21]);
    // Held by someone: not taken by an "unassigned only" rule.
    await sql(
      `UPDATE case_file SET principal_cents = 800000, assignee_id = $2::uuid WHERE id = $1::uuid`,
      open[22],
      agent.membershipId,
    );
    const result = await assignFiles({
      actor: manager,
      input: {
        mode: 'rule',
        agentId: agent2.membershipId,
        minAmount: '7 000',
        maxAmount: '8 999,00',
        phase: 'AMICABLE',
      },
    });
    expect(result).toEqual({ count: 2 });
    const moved = await owner.caseFile.findMany({ where: { tenantId: tenantA, id: { in: open.slice(20, 23) } } });
    expect(moved.map((f) => f.assigneeId).sort()).toEqual(
      [agent2.membershipId, agent2.membershipId, agent.membershipId].sort(),
    );
  });

  it('refuses another agency’s file, a non-staff member, and a member of another agency, changing nothing', async () => {
    const audits = await owner.auditLog.count({ where: { tenantId: tenantA, action: 'files.assigned' } });
    await expect(
      assignFiles({
        actor: manager,
        input: { mode: 'files', agentId: agent.membershipId, fileIds: [open[30]!, fileOfB] },
      }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      ref: { key: 'errors.queue.filesNotFound', values: { files: fileOfB } },
    });
    expect((await owner.caseFile.findFirstOrThrow({ where: { id: open[30]! } })).assigneeId).toBeNull();
    await expect(
      assignFiles({ actor: manager, input: { mode: 'files', agentId: agentB.membershipId, fileIds: [open[30]!] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      assignFiles({
        actor: manager,
        input: { mode: 'files', agentId: creditorUser.membershipId, fileIds: [open[30]!] },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const inactive = await newStaff(tenantA, 'AGENT', false);
    await expect(
      assignFiles({ actor: manager, input: { mode: 'files', agentId: inactive.membershipId, fileIds: [open[30]!] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      assignFiles({ actor: managerB, input: { mode: 'files', agentId: agentB.membershipId, fileIds: [open[30]!] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const creditorOfB = await owner.creditor.findFirstOrThrow({ where: { tenantId: tenantB } });
    await expect(
      assignFiles({
        actor: manager,
        input: { mode: 'creditor', agentId: agent.membershipId, creditorId: creditorOfB.id },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner.auditLog.count({ where: { tenantId: tenantA, action: 'files.assigned' } })).toBe(audits);
  });

  it('is for managers only, and names each bad field', async () => {
    await expect(
      assignFiles({ actor: agent, input: { mode: 'files', agentId: agent.membershipId, fileIds: [open[30]!] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      assignFiles({
        actor: manager,
        input: { mode: 'rule', agentId: agent.membershipId, minAmount: '9', maxAmount: '-1' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { maxAmount: M.amount } });
    await expect(
      assignFiles({ actor: manager, input: { mode: 'rule', agentId: 'x', minAmount: '900', maxAmount: '100' } }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { agentId: M.agentId, maxAmount: M.amountRange } });
  });
});

describe('rebalanceLoad', () => {
  let left: Actor;
  let right: Actor;
  let files: string[];

  beforeAll(async () => {
    left = await newStaff(tenantA, 'AGENT');
    right = await newStaff(tenantA, 'MANAGER');
    files = open.slice(32, 35);
    await plain(files[0]!, left.membershipId, 50_000);
    await plain(files[1]!, left.membershipId, 30_000);
    await plain(files[2]!, left.membershipId, 20_000);
  });

  it('previews the one move that evens out two people, changing nothing', async () => {
    const preview = await rebalanceLoad({
      actor: manager,
      input: { agentIds: [left.membershipId, right.membershipId] },
    });
    const reference = (await owner.caseFile.findFirstOrThrow({ where: { id: files[0]! } })).reference;
    expect(preview.dryRun).toBe(true);
    expect(preview.applied).toBe(0);
    expect(preview.moves).toEqual([
      { fileId: files[0], from: left.membershipId, to: right.membershipId, amountCents: 50_000, reference },
    ]);
    const loads = (l: typeof preview.after) => Object.fromEntries(l.map((x) => [x.name, [x.files, x.amountCents]]));
    expect(loads(preview.before)).toEqual({ [left.name]: [3, 100_000], [right.name]: [0, 0] });
    expect(loads(preview.after)).toEqual({ [left.name]: [2, 50_000], [right.name]: [1, 50_000] });
    expect((await owner.caseFile.findFirstOrThrow({ where: { id: files[0]! } })).assigneeId).toBe(left.membershipId);
  });

  it('applies the plan, with a timeline entry and an audit', async () => {
    const done = await rebalanceLoad({
      actor: manager,
      input: { agentIds: [left.membershipId, right.membershipId], dryRun: 'false' },
    });
    expect(done.applied).toBe(1);
    expect((await owner.caseFile.findFirstOrThrow({ where: { id: files[0]! } })).assigneeId).toBe(right.membershipId);
    const moved = await owner.activity.findFirstOrThrow({ where: { fileId: files[0]!, kind: 'file.assigned' } });
    expect(moved).toMatchObject({ details: { via: 'rebalance', previousAssigneeId: left.membershipId } });
    expect(fr(moved)).toBe(`Dossier réattribué à ${right.name} (équilibrage de la charge)`);
    expect(
      await owner.auditLog.count({
        where: { tenantId: tenantA, action: 'files.rebalanced', actorId: manager.membershipId },
      }),
    ).toBe(1);
    // Balanced now: a second run plans nothing.
    const again = await rebalanceLoad({ actor: manager, input: { agentIds: [left.membershipId, right.membershipId] } });
    expect(again.moves).toEqual([]);
  });

  it('refuses one agent, an agent of another agency, and agents who are not managers', async () => {
    await expect(rebalanceLoad({ actor: manager, input: { agentIds: [left.membershipId] } })).rejects.toMatchObject({
      code: 'INVALID',
      fields: { agentIds: M.agents },
    });
    await expect(
      rebalanceLoad({ actor: manager, input: { agentIds: [left.membershipId, agentB.membershipId] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      rebalanceLoad({ actor: agent, input: { agentIds: [left.membershipId, right.membershipId] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('assignmentOverview', () => {
  it('counts each staff member’s open files, amount and files due today', async () => {
    const overview = await assignmentOverview(manager);
    const expected = await owner.$queryRawUnsafe<{ id: string; files: number; amount: number; due: number }[]>(
      `SELECT assignee_id AS id, count(*)::int AS files, sum(principal_cents - collected_cents)::float8 AS amount,
              (count(*) FILTER (WHERE attention_on <= $2::date))::int AS due
         FROM case_file WHERE tenant_id = $1::uuid AND phase <> 'CLOSED' AND assignee_id = $3::uuid GROUP BY 1`,
      tenantA,
      today,
      agent2.membershipId,
    );
    expect(overview.agents.find((a) => a.id === agent2.membershipId)).toMatchObject({
      files: expected[0]!.files,
      amountCents: expected[0]!.amount,
      due: expected[0]!.due,
    });
    expect(overview.agents.map((a) => a.role).every((r) => r === 'AGENT' || r === 'MANAGER')).toBe(true);
    await expect(assignmentOverview(agent)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('workqueue/refresh job', () => {
  it('fans out one job per agency for its own day; a tenant job refreshes that agency', async () => {
    const prefix = queuePrefix(`it-wq-${randomUUID()}`);
    const connection = workerConnection();
    const producer = createProducer({ connection, prefix });
    const ctx = { redis: connection, prefix, queues: [] };
    try {
      const fanned = await runWorkqueueRefreshJob({}, { ...ctx, job: {} as Job });
      const jobs = await producer.queue('workqueue').getJobs(['waiting', 'prioritized', 'delayed']);
      expect(jobs).toHaveLength((fanned as { agencies: number }).agencies);
      for (const tenantId of [tenantA, tenantB]) {
        const job = jobs.find((j) => j.id === `refresh-${tenantId}-${today}`);
        expect(job).toMatchObject({ name: 'refresh', data: { tenantId, today } });
      }

      // Settle what the tests above changed, then disturb exactly one rank.
      await refreshTenantQueue(tenantA, today);
      await sql(`UPDATE case_file SET priority_score = 999 WHERE id = $1::uuid`, F.F2);
      const progress: unknown[] = [];
      const job = { updateProgress: async (p: unknown) => void progress.push(p) } as unknown as Job;
      const summary = await runWorkqueueRefreshJob({ tenantId: tenantA, today }, { ...ctx, job });
      expect(summary).toMatchObject({ files: open.length, written: 1 });
      expect(progress.at(-1)).toEqual({ done: open.length, total: open.length });
      expect((await rank(F.F2!)).priorityScore).toBe(90);
    } finally {
      await producer.queue('workqueue').obliterate({ force: true });
      await producer.close();
      await connection.quit();
    }
  });
});
