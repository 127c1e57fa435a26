import { toErrorBody } from '../../lib/errors/describe';
import { timelineRenderer } from '../../lib/history/render';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { csvCell } from '../../lib/csv/cells';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { createPrintRun, runPrintRun } from '../../lib/print-runs/create-print-run';
import { listPrintRuns } from '../../lib/print-runs/queries';
import { importRegisteredMailFile } from '../../lib/registered-mail/read-tracking-file';
import {
  recordRegisteredMail,
  RegisteredMailRefusal,
  type TrackingImportResult,
} from '../../lib/registered-mail/record-registered-mail';
import { runStep } from '../../lib/scenarios/run-step';
import { readStored } from '../../lib/storage/documents';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { TEST_IBAN, makeDebtorFile, makeScenario } from './support/scenario-fixtures';
import { postWaitingLetters } from './support/post-letters';
import { taskNoteText } from '../../lib/tasks/notes';
import { translate } from '../../lib/i18n/translate';
import type { MessageRef } from '../../lib/i18n/message-ref';

/** The route renders each problem in the reader's language; the tests read it in English. */
const english = (problem: MessageRef) => translate(problem, 'en');

/** Timeline lines as a French reader sees them. */
const fr = timelineRenderer('fr', 'Europe/Paris');

// Letters made by the real engine on a fake clock (2027, after the real one), printed in a real run, whose
// manifest comes back from the "mailing house" with the tracking column filled: the round trip the page serves.
const owner = ownerDb();
const T0 = new Date('2027-03-01T09:00:00Z'); // Monday 10:00 in Paris: letters produced on 2027-03-01
const NOW = new Date('2027-03-20T10:00:00Z'); // "today" for the imports
const NUMBERS = ['1A00000000011', '1A00000000022', '2C00000000033'];

let tenantA: string;
let tenantB: string;
let manager: Actor;
let agent: Actor;
let managerB: Actor;
let manifest: Record<string, string>[];
let notices: { id: string; reference: string; fileId: string; fileReference: string }[];
let otherNotice: { id: string; reference: string; fileReference: string };

async function lettersFor(tenantId: string, versionId: string, actor: Actor, count: number) {
  const fileIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const fileId = await makeDebtorFile(owner, tenantId, { principalCents: 90_000 + i * 1000 });
    await assignScenario({ actor, input: { fileId, scenarioVersionId: versionId }, now: T0 });
    const result = await runStep({ tenantId, fileId, versionId, step: 0, run: 1 }, { now: T0 });
    expect(result.outcome).toBe('DONE');
    fileIds.push(fileId);
  }
  return fileIds;
}

function csv(rows: (string | number)[][], { bom = true, sep = ';' } = {}): Readable {
  const text = rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(sep)).join('\r\n') + '\r\n';
  return Readable.from([Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8')]);
}

/** The manifest as the mailing house sends it back: the same columns, tracking filled, two dates added. */
function returnedManifest(fill: (row: Record<string, string>) => Record<string, string>): Readable {
  const headers = [...Object.keys(manifest[0]!), 'sent_on', 'acknowledged_on', 'outcome'];
  const rows = manifest.map((row) => {
    const filled: Record<string, string> = { ...row, sent_on: '', acknowledged_on: '', outcome: '', ...fill(row) };
    return headers.map((h) => filled[h] ?? '');
  });
  const text = [headers, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
  return Readable.from([Buffer.from('\uFEFF' + text, 'utf8')]);
}

async function upload(actor: Actor, content: Readable, fileName = 'retour.csv', now = NOW) {
  return importRegisteredMailFile({ actor, content, fileName, now });
}

async function snapshot(tenantId: string) {
  const docs = await owner.document.findMany({
    where: { tenantId, registered: true },
    orderBy: { reference: 'asc' },
    select: { reference: true, trackingNumber: true, sentOn: true, acknowledgedOn: true, deliveryOutcome: true },
  });
  const activities = await owner.activity.count({ where: { tenantId, kind: 'letter.tracking' } });
  const audits = await owner.auditLog.count({ where: { tenantId, action: { startsWith: 'letter.tracking' } } });
  return { docs, activities, audits };
}

function problemsOf(result: TrackingImportResult) {
  expect(result.status).toBe('refused');
  if (result.status !== 'refused') throw new Error('not refused');
  return result.problems.map((p) => ({ row: p.row, field: p.field, key: p.key }));
}

beforeAll(async () => {
  const a = await seedAgency(owner, {
    slug: uniqueSlug('lrar-a'),
    name: 'Agence LRAR',
    seed: 61,
    files: 1,
    password: 'x',
  });
  const b = await seedAgency(owner, {
    slug: uniqueSlug('lrar-b'),
    name: 'Autre LRAR',
    seed: 62,
    files: 1,
    password: 'x',
  });
  tenantA = a.tenantId;
  tenantB = b.tenantId;
  await owner.agency.updateMany({ where: { id: { in: [tenantA, tenantB] } }, data: { creditorFundsIban: TEST_IBAN } });
  manager = await actorFor(owner, tenantA, 'MANAGER');
  agent = await actorFor(owner, tenantA, 'AGENT');
  managerB = await actorFor(owner, tenantB, 'MANAGER');
  const steps = [
    {
      delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
      channels: ['SIMPLE_LETTER', 'FORMAL_NOTICE'],
      deadlineDays: 8,
    },
  ] as never;
  await lettersFor(tenantA, await makeScenario(owner, tenantA, steps), manager, 3);
  await lettersFor(tenantB, await makeScenario(owner, tenantB, steps), managerB, 1);

  const run = await createPrintRun({ actor: manager, enqueueJob: false });
  expect(run.letters).toBe(6);
  const printed = await runPrintRun({ tenantId: tenantA, printRunId: run.printRunId });
  if ('skipped' in printed) throw new Error('print run skipped');
  manifest = parse(await readStored(printed.manifestKey), { columns: true, bom: true, delimiter: ';' });
  const docs = await owner.document.findMany({
    where: { tenantId: tenantA, kind: 'FORMAL_NOTICE' },
    orderBy: { reference: 'asc' },
    select: { id: true, reference: true, fileId: true },
  });
  const files = await owner.caseFile.findMany({ where: { id: { in: docs.map((d) => d.fileId) } } });
  notices = docs.map((d) => ({ ...d, fileReference: files.find((f) => f.id === d.fileId)!.reference }));
  const other = await owner.document.findFirstOrThrow({ where: { tenantId: tenantB, kind: 'FORMAL_NOTICE' } });
  const otherFile = await owner.caseFile.findFirstOrThrow({ where: { id: other.fileId } });
  otherNotice = { id: other.id, reference: other.reference, fileReference: otherFile.reference };
});

afterAll(async () => {
  await owner.$disconnect();
});

/** A refusal as the API says it (the one mapper, in English); an accepted call fails the test. */
const inEnglish = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('accepted');
    },
    (error: unknown) => toErrorBody(error).body.error,
  );

describe('the mailing house sends the manifest back', () => {
  it('the manifest gives the key: letter_reference, file_reference, registered and an empty tracking_number', () => {
    expect(manifest).toHaveLength(6);
    const registered = manifest.filter((r) => r.registered === 'yes');
    expect(registered.map((r) => r.letter_reference).sort()).toEqual(notices.map((n) => n.reference));
    for (const row of registered) {
      expect(row.tracking_number).toBe('');
      expect(row.file_reference).toBe(notices.find((n) => n.reference === row.letter_reference)!.fileReference);
    }
  });

  it('refuses a file with a bad line and writes nothing, listing every bad line by row and column', async () => {
    const before = await snapshot(tenantA);
    const [n0, n1, n2] = notices;
    const result = await upload(
      manager,
      csv([
        ['letter_reference', 'file_reference', 'tracking_number', 'sent_on', 'acknowledged_on'],
        [n0!.reference, n0!.fileReference, '1A 000 000 0001 1', '02/03/2027', ''], // good: must not be written
        ['D9999999-1MD', '', '1A00000000044', '02/03/2027', ''], // unknown letter
        [n1!.reference, n1!.fileReference, 'ABC123', '02/03/2027', ''], // not a La Poste number
        [n2!.reference, n2!.fileReference, '1A00000000055', '05/03/2027', '04/03/2027'], // AR before posting
        [n2!.reference, '', '', '', '2027-04-02'], // in the future (today is 20/03/2027)
        ['=HYPERLINK("http://evil.test","x")', '', '1A00000000066', '', ''], // formula injection
        [n1!.reference, n0!.fileReference, '1A00000000077', '', ''], // letter of another file
        [otherNotice.reference, otherNotice.fileReference, '1A00000000088', '02/03/2027', ''], // other agency
        [n0!.reference, '', '1A00000000099', '', ''], // same letter, other values than row 2
        ['', '', '', '', ''], // blank line: skipped by the reader
        ['', n0!.fileReference, '', '03/03/2027', ''], // no key
      ]),
    );
    expect(problemsOf(result)).toEqual([
      { row: 3, field: 'letterReference', key: 'tracking.unknownLetter' },
      { row: 4, field: 'trackingNumber', key: 'tracking.badNumber' },
      { row: 5, field: 'acknowledgedOn', key: 'tracking.ackBeforeDeposit' },
      { row: 6, field: 'acknowledgedOn', key: 'tracking.future' },
      { row: 7, field: 'letterReference', key: 'tracking.formula' },
      { row: 8, field: 'fileReference', key: 'tracking.otherFile' },
      { row: 9, field: 'letterReference', key: 'tracking.unknownLetter' },
      { row: 10, field: 'letterReference', key: 'tracking.conflictRow' },
      { row: 12, field: 'letterReference', key: 'tracking.keyMissing' },
    ]);
    if (result.status !== 'refused') return;
    const byRow = new Map(result.problems.map((p) => [p.row, p]));
    expect(byRow.get(4)).toMatchObject({ label: 'tracking_number', values: { value: 'ABC123' } });
    expect(english(byRow.get(4)!)).toBe(
      '"ABC123" is not a La Poste registered number (e.g. 1A 123 456 7890 1 or RR123456789FR)',
    );
    expect(english(byRow.get(5)!)).toBe('the acknowledgement cannot precede the posting on 05/03/2027');
    expect(english(byRow.get(6)!)).toBe('02/04/2027 is in the future');
    expect(english(byRow.get(7)!)).toBe('starts with "=": spreadsheet formulas are not accepted');
    expect(english(byRow.get(8)!)).toBe(`this letter belongs to file ${n1!.fileReference}`);
    // Another agency's letter is unknown, with nothing said about it.
    expect(english(byRow.get(9)!)).toBe(
      `no registered letter of your agency has the reference "${otherNotice.reference}"`,
    );
    expect(byRow.get(10)!.values).toEqual({ row: '2' });
    expect(await snapshot(tenantA)).toEqual(before);
  });

  it('records the returned manifest: numbers and posting dates, one timeline entry per registered letter', async () => {
    const before = await snapshot(tenantA);
    const number = new Map(notices.map((n, i) => [n.reference, NUMBERS[i]!]));
    const result = await upload(
      manager,
      returnedManifest((row) =>
        row.registered === 'yes'
          ? {
              // Printed with spaces, as on the La Poste label.
              tracking_number: number
                .get(row.letter_reference!)!
                .replace(/^(..)(...)(...)(....)(.)$/, '$1 $2 $3 $4 $5'),
              sent_on: '02/03/2027',
              ...(row.letter_reference === notices[0]!.reference
                ? { acknowledged_on: '05/03/2027', outcome: 'Distribué' }
                : {}),
            }
          : {},
      ),
    );
    expect(result).toEqual({ status: 'recorded', rows: 6, recorded: 3, unchanged: 0, empty: 3 });
    const after = await snapshot(tenantA);
    expect(after.docs).toEqual(
      notices.map((n, i) => ({
        reference: n.reference,
        trackingNumber: NUMBERS[i],
        sentOn: new Date('2027-03-02T00:00:00Z'),
        acknowledgedOn: i === 0 ? new Date('2027-03-05T00:00:00Z') : null,
        deliveryOutcome: i === 0 ? 'DELIVERED' : null,
      })),
    );
    expect(after.activities).toBe(before.activities + 3);
    const entry = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId: notices[0]!.fileId, kind: 'letter.tracking' },
    });
    expect(fr(entry)).toBe(
      `Courrier ${notices[0]!.reference} — n° de recommandé ${NUMBERS[0]} — déposé le 2 mars 2027 — ` +
        'accusé de réception du 5 mars 2027 — distribué (fichier du routeur)',
    );
    expect(entry.actorId).toBe(manager.membershipId);
    // One audit line per letter, and one for the file.
    expect(after.audits).toBe(before.audits + 4);
    const { runs } = await listPrintRuns(manager);
    expect(runs[0]).toMatchObject({ registered: 3, tracked: 3, acknowledged: 1 });
  });

  it('the same file again changes nothing and logs nothing', async () => {
    const before = await snapshot(tenantA);
    const number = new Map(notices.map((n, i) => [n.reference, NUMBERS[i]!]));
    const result = await upload(
      manager,
      returnedManifest((row) =>
        row.registered === 'yes'
          ? {
              tracking_number: number.get(row.letter_reference!)!,
              sent_on: '2027-03-02',
              ...(row.letter_reference === notices[0]!.reference
                ? { acknowledged_on: '2027-03-05', outcome: 'DELIVERED' }
                : {}),
            }
          : {},
      ),
    );
    expect(result).toEqual({ status: 'recorded', rows: 6, recorded: 0, unchanged: 3, empty: 3 });
    expect(await snapshot(tenantA)).toEqual(before);
  });

  it('the acknowledgements come later, by tracking number alone; a returned letter is recorded as such', async () => {
    const before = await snapshot(tenantA);
    const result = await upload(
      manager,
      csv(
        [
          ['N° recommandé', 'Date AR', 'Statut'],
          [NUMBERS[1]!, '09/03/2027', 'Pli avisé non réclamé'],
          [NUMBERS[2]!, '', 'NPAI'],
        ],
        { sep: '\t', bom: false },
      ),
      'ar.txt',
    );
    expect(result).toMatchObject({ status: 'recorded', recorded: 2 });
    const after = await snapshot(tenantA);
    expect(after.docs[1]).toMatchObject({
      acknowledgedOn: new Date('2027-03-09T00:00:00Z'),
      deliveryOutcome: 'UNCLAIMED',
    });
    expect(after.docs[2]).toMatchObject({ acknowledgedOn: null, deliveryOutcome: 'UNKNOWN_ADDRESS' });
    expect(after.activities).toBe(before.activities + 2);
    const entry = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId: notices[2]!.fileId, kind: 'letter.tracking' },
      orderBy: { occurredAt: 'desc' },
    });
    expect(fr(entry)).toBe(`Courrier ${notices[2]!.reference} — destinataire inconnu à l’adresse (fichier du routeur)`);
  });

  it('a recorded number, acknowledgement or outcome is not overwritten by a file, nor a number given twice', async () => {
    const before = await snapshot(tenantA);
    const [n0, n1, n2] = notices;
    const result = await upload(
      manager,
      csv([
        ['letter_reference', 'tracking_number', 'acknowledged_on', 'outcome'],
        [n0!.reference, NUMBERS[1]!, '', ''], // another letter's number
        [n1!.reference, '', '10/03/2027', ''], // another AR date
        [n2!.reference, '', '11/03/2027', ''], // AR for an addressee unknown at the address
        [n0!.reference, '', '', 'non réclamé'], // it was distributed
      ]),
    );
    expect(problemsOf(result)).toEqual([
      { row: 2, field: 'trackingNumber', key: 'tracking.numberTaken' },
      { row: 3, field: 'acknowledgedOn', key: 'tracking.ackDiffers' },
      { row: 4, field: 'acknowledgedOn', key: 'tracking.ackUnknownAddress' },
      { row: 5, field: 'outcome', key: 'tracking.outcomeDiffers' },
    ]);
    expect(await snapshot(tenantA)).toEqual(before);
  });

  it('another agency neither sees nor changes these letters; an agent may not import', async () => {
    const before = await snapshot(tenantA);
    const n0 = notices[0]!;
    const result = await upload(
      managerB,
      csv([
        ['letter_reference', 'file_reference', 'tracking_number', 'acknowledged_on'],
        [n0.reference, n0.fileReference, '', '10/03/2027'],
        ['', '', NUMBERS[1]!, '10/03/2027'],
      ]),
    );
    expect(problemsOf(result)).toEqual([
      { row: 2, field: 'letterReference', key: 'tracking.unknownLetter' },
      { row: 3, field: 'trackingNumber', key: 'tracking.unknownNumber' },
    ]);
    // Agency B's own letter may carry a number agency A uses: numbers are unique per agency.
    const own = await upload(
      managerB,
      csv([
        ['letter_reference', 'tracking_number', 'sent_on'],
        [otherNotice.reference, NUMBERS[0]!, '01/03/2027'],
      ]),
    );
    expect(own).toMatchObject({ status: 'recorded', recorded: 1 });
    await expect(
      upload(
        agent,
        csv([
          ['letter_reference', 'tracking_number'],
          [n0.reference, NUMBERS[0]!],
        ]),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(tenantA)).toEqual(before);
  });

  it('refuses a file without a key column, naming the columns it found', async () => {
    await expect(
      upload(
        manager,
        csv([
          ['name', 'amount'],
          ['x', '1'],
        ]),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID',
      ref: { key: 'reasons.tracking.noKeyColumn', values: { headers: 'name, amount' } },
    });
  });

  it('the hand entry follows the same rules and writes the same timeline entry', async () => {
    const n1 = notices[1]!;
    await expect(
      inEnglish(
        recordRegisteredMail({ actor: agent, input: { documentId: n1.id, trackingNumber: NUMBERS[0] }, now: NOW }),
      ),
    ).resolves.toMatchObject({
      code: 'INVALID',
      fields: { trackingNumber: `this number already belongs to letter ${notices[0]!.reference}` },
    });
    await expect(
      inEnglish(recordRegisteredMail({ actor: agent, input: { documentId: n1.id, sentOn: '2027-03-25' }, now: NOW })),
    ).resolves.toMatchObject({ code: 'INVALID', fields: { sentOn: '25/03/2027 is in the future' } });
    // A correction by hand is allowed, and logged.
    const saved = await recordRegisteredMail({
      actor: agent,
      input: { documentId: n1.id, acknowledgedOn: '2027-03-10' },
      now: NOW,
    });
    expect(saved).toMatchObject({ acknowledgedOn: '2027-03-10', trackingNumber: NUMBERS[1], changed: true });
    const again = await recordRegisteredMail({
      actor: agent,
      input: { documentId: n1.id, acknowledgedOn: '2027-03-10' },
      now: NOW,
    });
    expect(again.changed).toBe(false);
    const entries = await owner.activity.findMany({
      where: { tenantId: tenantA, fileId: n1.fileId, kind: 'letter.tracking' },
      orderBy: { occurredAt: 'asc' },
    });
    expect(entries.map(fr).at(-1)).toBe(
      `Courrier ${n1.reference} — accusé de réception du 10 mars 2027 (au lieu du 9 mars 2027)`,
    );
    expect(entries).toHaveLength(3);
  });

  it('a wrong number is cleared by hand so the right letter can take it; bad values are refused field by field', async () => {
    const [, n1, n2] = notices;
    // The numbers of letters 1 and 2 were swapped by the mailing house: free one, move it, then set the other.
    await expect(
      inEnglish(
        recordRegisteredMail({ actor: agent, input: { documentId: n2!.id, trackingNumber: NUMBERS[1] }, now: NOW }),
      ),
    ).resolves.toMatchObject({ code: 'INVALID', fields: { trackingNumber: expect.stringContaining(n1!.reference) } });
    const cleared = await recordRegisteredMail({
      actor: agent,
      input: { documentId: n1!.id, trackingNumber: '' },
      now: NOW,
    });
    expect(cleared).toMatchObject({ trackingNumber: null, changed: true });
    await recordRegisteredMail({ actor: agent, input: { documentId: n2!.id, trackingNumber: NUMBERS[1] }, now: NOW });
    await recordRegisteredMail({ actor: agent, input: { documentId: n1!.id, trackingNumber: NUMBERS[2] }, now: NOW });
    const summaries = async (fileId: string) =>
      (
        await owner.activity.findMany({
          where: { tenantId: tenantA, fileId, kind: 'letter.tracking' },
          orderBy: { occurredAt: 'asc' },
        })
      ).map(fr);
    expect((await summaries(n1!.fileId)).slice(-2)).toEqual([
      `Courrier ${n1!.reference} — n° de recommandé ${NUMBERS[1]} effacé`,
      `Courrier ${n1!.reference} — n° de recommandé ${NUMBERS[2]}`,
    ]);
    expect((await summaries(n2!.fileId)).at(-1)).toBe(
      `Courrier ${n2!.reference} — n° de recommandé ${NUMBERS[1]} (au lieu de ${NUMBERS[2]})`,
    );
    // Every bad field is named, each with its own catalogue key, and nothing is written.
    const before = await snapshot(tenantA);
    const refused = await recordRegisteredMail({
      actor: agent,
      input: { documentId: n1!.id, trackingNumber: '1A 12', sentOn: '31/02/2027', deliveryOutcome: 'perdu' },
      now: NOW,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RegisteredMailRefusal);
    expect((refused as RegisteredMailRefusal).problems.map((p) => `${p.field}:${p.key}`)).toEqual([
      'trackingNumber:tracking.badNumber',
      'sentOn:tracking.badDate',
      'deliveryOutcome:tracking.badOutcome',
    ]);
    expect(toErrorBody(refused).body.error.fields).toEqual({
      trackingNumber: '"1A 12" is not a La Poste registered number (e.g. 1A 123 456 7890 1 or RR123456789FR)',
      sentOn: '"31/02/2027" is not a date (e.g. 31/12/2026)',
      deliveryOutcome: '"perdu" is not a known outcome: delivered, unclaimed or unknown address',
    });
    await expect(recordRegisteredMail({ actor: agent, input: { documentId: n1!.id }, now: NOW })).rejects.toMatchObject(
      { code: 'INVALID', problems: [{ field: 'trackingNumber', key: 'tracking.nothingGiven' }] },
    );
    await expect(
      recordRegisteredMail({ actor: agent, input: { documentId: 'nope', trackingNumber: NUMBERS[0] }, now: NOW }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(tenantA)).toEqual(before);
  });
});

describe('a letter returned "addressee unknown at the address" (NPAI)', () => {
  // A formal notice, then a simple letter ten days later: the second step is the one the returned notice must stop.
  const T1 = new Date('2027-03-12T09:00:00Z'); // Friday 10:00 in Paris, the second step's day
  let versionId: string;

  beforeAll(async () => {
    versionId = await makeScenario(owner, tenantA, [
      { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
      { delay: { days: 10, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SIMPLE_LETTER'] },
    ] as never);
  });

  async function noticeFile() {
    const fileId = await makeDebtorFile(owner, tenantA, { principalCents: 95_000 });
    await assignScenario({ actor: manager, input: { fileId, scenarioVersionId: versionId }, now: T0 });
    const first = await runStep({ tenantId: tenantA, fileId, versionId, step: 0, run: 1 }, { now: T0 });
    expect(first.outcome).toBe('DONE');
    // Posted the same day (issue 14: nothing follows a letter that is not posted).
    expect(await postWaitingLetters(manager, T0)).toBeGreaterThanOrEqual(1);
    const notice = await owner.document.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'FORMAL_NOTICE' },
    });
    return { fileId, notice };
  }
  async function addressOf(fileId: string) {
    const { debtorId } = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    return owner.contactPoint.findFirstOrThrow({ where: { tenantId: tenantA, debtorId, kind: 'ADDRESS' } });
  }
  async function state(fileId: string) {
    return {
      address: (await addressOf(fileId)).status,
      entries: (
        await owner.activity.findMany({
          where: { tenantId: tenantA, fileId, kind: { in: ['contact_point.status', 'letter.returned'] } },
          orderBy: { occurredAt: 'asc' },
        })
      ).map(fr),
      tasks: (
        await owner.task.findMany({
          where: { tenantId: tenantA, fileId, kind: 'REVIEW' },
          select: { note: true, noteRef: true },
        })
      ).map((t) => taskNoteText(t, 'fr', 'Europe/Paris')),
      audits: await owner.auditLog.count({ where: { tenantId: tenantA, action: 'contact_point.status_changed' } }),
      version: (await owner.caseFile.findFirstOrThrow({ where: { id: fileId } })).version,
    };
  }
  const nextLetter = (fileId: string) =>
    runStep({ tenantId: tenantA, fileId, versionId, step: 1, run: 1 }, { now: T1 });

  it('by file: the address becomes returned mail with a timeline line and a task; twice changes nothing; the next letter is skipped', async () => {
    const { fileId, notice } = await noticeFile();
    const before = await state(fileId);
    expect(before).toMatchObject({ address: 'VALID', entries: [], tasks: [] });
    const returned = () =>
      csv([
        ['letter_reference', 'tracking_number', 'outcome'],
        [notice.reference, '1A00000000101', 'N’habite pas à l’adresse indiquée'],
      ]);
    expect(await upload(manager, returned())).toMatchObject({ status: 'recorded', recorded: 1 });

    const point = await addressOf(fileId);
    expect(point).toMatchObject({ status: 'RETURNED_MAIL', statusChangedAt: NOW });
    const after = await state(fileId);
    expect(after).toEqual({
      address: 'RETURNED_MAIL',
      entries: [
        `Adresse 12 rue des Lilas, 69003 Lyon : courrier retourné (NPAI) — courrier ${notice.reference} revenu « destinataire inconnu à l’adresse »`,
      ],
      tasks: [
        `Courrier ${notice.reference} revenu « destinataire inconnu à l’adresse » : rechercher la nouvelle adresse du débiteur.`,
      ],
      audits: before.audits + 1,
      version: before.version + 1,
    });
    const line = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'contact_point.status' },
    });
    expect(line.actorId).toBe(manager.membershipId);
    expect(line.details).toMatchObject({ contactPointId: point.id, statusFrom: 'VALID', statusTo: 'RETURNED_MAIL' });
    // The task puts the file in the agent's work queue.
    const file = await owner.caseFile.findFirstOrThrow({ where: { id: fileId } });
    expect((file.priorityReasons as { code: string }[]).map((r) => r.code)).toContain('TASK_DUE');

    expect(await upload(manager, returned())).toMatchObject({ status: 'recorded', recorded: 0, unchanged: 1 });
    expect(await state(fileId)).toEqual(after);

    // The engine's next letter for the file finds no valid address: it waits (issue 14), with the reason on the
    // timeline; the returned letter's task already asks the agent for a new address, so no second task.
    const result = await nextLetter(fileId);
    expect(result).toMatchObject({ outcome: 'POSTPONED', reason: 'NO_VALID_ADDRESS' });
    expect(await owner.stepExecution.count({ where: { tenantId: tenantA, fileId, stepIndex: 1 } })).toBe(0);
    expect(await owner.document.count({ where: { tenantId: tenantA, fileId } })).toBe(1);
    expect(await owner.task.count({ where: { tenantId: tenantA, fileId, kind: 'REVIEW' } })).toBe(1);
    const waiting = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'scenario.step_postponed' },
    });
    expect(fr(waiting)).toContain('aucune adresse postale valide');
  });

  it('a delivered notice leaves the address alone and the next letter goes', async () => {
    const { fileId, notice } = await noticeFile();
    const before = await state(fileId);
    await upload(
      manager,
      csv([
        ['letter_reference', 'acknowledged_on', 'outcome'],
        [notice.reference, '05/03/2027', 'Distribué'],
      ]),
    );
    expect(await state(fileId)).toEqual(before);
    expect(await nextLetter(fileId)).toMatchObject({ outcome: 'DONE', executed: ['SIMPLE_LETTER'], skipped: [] });
  });

  it('by hand the same; a correction back to delivered keeps the address marked and says where to restore it', async () => {
    const { fileId, notice } = await noticeFile();
    await recordRegisteredMail({
      actor: agent,
      input: { documentId: notice.id, deliveryOutcome: 'UNKNOWN_ADDRESS' },
      now: NOW,
    });
    const after = await state(fileId);
    expect(after).toMatchObject({ address: 'RETURNED_MAIL', entries: [expect.stringContaining('(NPAI)')] });
    expect(after.tasks).toHaveLength(1);
    await recordRegisteredMail({
      actor: agent,
      input: { documentId: notice.id, deliveryOutcome: 'DELIVERED', acknowledgedOn: '2027-03-05' },
      now: NOW,
    });
    expect(await state(fileId)).toEqual(after);
    const last = await owner.activity.findFirstOrThrow({
      where: { tenantId: tenantA, fileId, kind: 'letter.tracking' },
      orderBy: { occurredAt: 'desc' },
    });
    expect(fr(last)).toBe(
      `Courrier ${notice.reference} — accusé de réception du 5 mars 2027 — distribué (au lieu de « destinataire inconnu à l’adresse »). ` +
        'L’adresse marquée « courrier retourné » par ce pli le reste : rétablissez-la dans les coordonnées si elle est bonne',
    );
  });

  it('an address changed since the letter, or one the debtor asked not to be used, is not touched', async () => {
    const moved = await noticeFile();
    const point = await addressOf(moved.fileId);
    await owner.contactPoint.update({
      where: { tenantId_id: { tenantId: tenantA, id: point.id } },
      data: { line1: '3 place Bellecour', postcode: '69002' },
    });
    const refused = await noticeFile();
    const objected = await addressOf(refused.fileId);
    await owner.contactPoint.update({
      where: { tenantId_id: { tenantId: tenantA, id: objected.id } },
      data: { status: 'DO_NOT_CONTACT' },
    });
    const refusedBefore = await state(refused.fileId);
    await upload(
      manager,
      csv([
        ['letter_reference', 'outcome'],
        [moved.notice.reference, 'NPAI'],
        [refused.notice.reference, 'NPAI'],
      ]),
    );
    const movedAfter = await state(moved.fileId);
    expect(movedAfter.address).toBe('VALID');
    expect(movedAfter.entries).toEqual([
      `Courrier ${moved.notice.reference} revenu « destinataire inconnu à l’adresse » : l’adresse où il a été envoyé ne figure plus parmi les coordonnées du débiteur, aucune adresse n’a été marquée`,
    ]);
    expect(movedAfter.tasks).toHaveLength(1);
    // Do-not-contact is the debtor's objection: never replaced as a side effect (and no letter goes there anyway).
    expect(await state(refused.fileId)).toEqual(refusedBefore);
  });
});
