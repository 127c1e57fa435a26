import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { confirmImport } from '../../lib/imports/confirm-import';
import { previewImport } from '../../lib/imports/preview-import';
import { processImport } from '../../lib/imports/process-import';
import { getImport } from '../../lib/imports/queries';
import { rejectionsReport } from '../../lib/imports/rejections-report';
import { uploadReceivables } from '../../lib/imports/upload-receivables';
import { seedAgency } from '../../lib/demo/seed-agency';
import { getFile } from '../../lib/cases/queries';
import { inTenant } from '../../lib/db/tenant';
import { describeIssues } from '../../lib/i18n/translate';
import { scopeOf } from '../../lib/tenancy/actor';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

const owner = ownerDb();
const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
let dir: string;
let tenantId: string;
let slug: string;
let creditorUser: Actor;
let agent: Actor;

const HEADER = 'N° facture;Raison sociale;SIREN;Nom;Prénom;Adresse;Code postal;Ville;Échéance;Montant TTC';
const csv = (lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';
const GOOD = [
  'FLOW-1;;;Martin;Léa;3 rue Neuve;69001;Lyon;15/01/2026;1 234,56',
  'FLOW-2;;;MARTIN;Lea;3 rue Neuve;69001;Lyon;15/02/2026;100,00',
  'FLOW-3;Garage Petit SARL;732 829 320;;;8 av. Foch;69006;Lyon;2026-03-01;2500',
];
const BAD = [
  'FLOW-4;;;Durand;Paul;1 place X;69002;Lyon;15/01/2026;-5,00',
  'FLOW-5;;;=cmd|calc;Eve;1 rue Y;69003;Lyon;32/01/2026;10',
];

async function fileWith(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content, 'utf8');
  return file;
}

async function upload(actor: Actor, file: string, creditorId = creditorUser.creditorId!) {
  return uploadReceivables({
    actor,
    input: { creditorId, fileName: path.basename(file) },
    content: createReadStream(file),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'recouvra-flow-'));
  process.env.STORAGE_DIR = path.join(dir, 'storage');
  slug = uniqueSlug('flow');
  ({ tenantId } = await seedAgency(owner, { slug, name: 'Flow', seed: 31, files: 6, password: 'x-password-1' }));
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
  agent = await actorFor(owner, tenantId, 'AGENT');
});
afterAll(() => owner.$disconnect());

describe('receivable list intake', () => {
  it('uploads, proposes a mapping, previews exact counts without writing, then imports once', async () => {
    const file = await fileWith('flow.csv', csv([...GOOD, ...BAD]));
    const up = await upload(creditorUser, file);
    expect(up.headers[0]).toBe('N° facture');
    expect(up.mapping).toMatchObject({ invoiceNumber: 0, amount: 9, dueDate: 8, postcode: 6 });
    await previewImport({ actor: creditorUser, importId: up.importId, mapping: up.mapping });
    const claimsBefore = await owner.claim.count({ where: { tenantId } });
    const preview = await processImport({ tenantId, importId: up.importId, mode: 'preview' });
    expect(preview.status).toBe('PREVIEWED');
    expect(await owner.claim.count({ where: { tenantId } })).toBe(claimsBefore);
    const view = await getImport({ actor: creditorUser, importId: up.importId });
    expect(view.counts).toMatchObject({ rows: 5, files: 2, claims: 3, rejected: 2 });

    await confirmImport({ actor: creditorUser, importId: up.importId });
    await expect(confirmImport({ actor: creditorUser, importId: up.importId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await processImport({ tenantId, importId: up.importId, mode: 'commit' });
    // A second delivery of the same job changes nothing.
    await processImport({ tenantId, importId: up.importId, mode: 'commit' });
    expect(await owner.claim.count({ where: { tenantId } })).toBe(claimsBefore + 3);
    expect((await getImport({ actor: agent, importId: up.importId })).status).toBe('DONE');
    // Léa Martin (a person, claims due 15/01 and 15/02/2026) and Garage Petit SARL (a company, due 01/03/2026).
    // A file's limitation date is its latest claim's: 15/02/2026 + 2 years (L218-2), 01/03/2026 + 5 (L110-4).
    const placed = await owner.caseFile.findMany({
      where: { tenantId, claims: { some: { importId: up.importId } } },
      select: { nature: true, limitationOn: true, debtor: { select: { kind: true } } },
      orderBy: { oldestDueOn: 'asc' },
    });
    expect(placed.map((f) => [f.debtor.kind, f.nature, f.limitationOn?.toISOString().slice(0, 10)])).toEqual([
      ['PERSON', 'CONSUMER', '2028-02-15'],
      ['COMPANY', 'B2B', '2031-03-01'],
    ]);

    let report = '';
    for await (const chunk of rejectionsReport({ actor: creditorUser, importId: up.importId })) report += chunk;
    const lines = report.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    // French by default, the creditor's own column header before each reason.
    expect(lines[0]).toContain('"Ligne";"Motif"');
    expect(lines[1]).toContain('"5";"Montant TTC : doit être supérieur à zéro"');
    expect(lines[2]).toMatch(/^"6";".*Nom : commence par « = »/);
    expect(lines[2]).toContain("'=cmd|calc");

    let english = '';
    for await (const chunk of rejectionsReport({ actor: creditorUser, importId: up.importId, locale: 'en' }))
      english += chunk;
    const enLines = english.trim().split('\r\n');
    expect(enLines[0]).toContain('"Row";"Reason"');
    expect(enLines[1]).toContain('"5";"Montant TTC: must be greater than zero"');
    expect(enLines[2]).toMatch(/^"6";".*Nom: starts with "+=/);
  });

  it('imports an accounting export with one name column for persons and companies, in Windows-1252', async () => {
    // As a ledger exports it: a code and a category beside the name, civilities in the name, no first-name column.
    const lines = [
      'Code client;Type client;Nom / Raison sociale;N° SIREN;Adresse;CP;Ville;N° pièce;Date pièce;Échéance;Solde',
      '411MART;;SARL Boulangerie Martin & Fils;;12 rue de la République;69002;Lyon;EXP-1;01/09/2026;01/10/2026;1 520,00',
      '411DUP;;M. Jean DUPONT;;4 impasse des Lilas;69003;Lyon;EXP-2;02/09/2026;02/10/2026;89,90',
      '411LEG;;Mme Anne-Sophie LE GOFF;;7 quai Saint-Vincent;69001;Lyon;EXP-3;03/09/2026;03/10/2026;240,00',
      '411GAR;Pro;Garage Petit;442 306 007;8 av. Foch;69006;Lyon;EXP-4;04/09/2026;04/10/2026;2 500,00',
      '411ZZZ;;;;1 rue Vide;69004;Lyon;EXP-5;05/09/2026;05/10/2026;10,00',
      // A SIREN typed with one wrong digit: the claim is placed, the SIREN is not.
      '411BOI;;Boiserie Moderne;442 306 008;2 rue du Bois;69005;Lyon;EXP-6;06/09/2026;06/10/2026;75,00',
    ];
    const file = path.join(dir, 'export-compta.csv');
    await writeFile(file, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
    const up = await upload(creditorUser, file);
    expect(up.mapping).toMatchObject({ debtorType: 1, debtorName: 2, siren: 3, invoiceNumber: 7, amount: 10 });
    expect(up.mapping.lastName).toBeUndefined();
    await previewImport({ actor: creditorUser, importId: up.importId, mapping: up.mapping });
    await processImport({ tenantId, importId: up.importId, mode: 'preview' });
    expect((await getImport({ actor: creditorUser, importId: up.importId })).counts).toMatchObject({
      rows: 6,
      claims: 5,
      rejected: 1,
      warned: 1,
      warningSample: [
        {
          rowNumber: 7,
          issues: [{ field: 'siren', label: 'N° SIREN', key: 'row.sirenCheck', values: { value: '442 306 008' } }],
        },
      ],
    });
    await confirmImport({ actor: creditorUser, importId: up.importId });
    await processImport({ tenantId, importId: up.importId, mode: 'commit' });
    const debtors = await owner.debtor.findMany({
      where: { tenantId, files: { some: { claims: { some: { importId: up.importId } } } } },
      select: { kind: true, displayName: true, firstName: true, lastName: true, companyName: true, siren: true },
      orderBy: { displayName: 'asc' },
    });
    expect(debtors).toEqual([
      {
        kind: 'COMPANY',
        displayName: 'Boiserie Moderne',
        firstName: null,
        lastName: null,
        companyName: 'Boiserie Moderne',
        siren: null,
      },
      {
        kind: 'PERSON',
        displayName: 'DUPONT Jean',
        firstName: 'Jean',
        lastName: 'DUPONT',
        companyName: null,
        siren: null,
      },
      {
        kind: 'COMPANY',
        displayName: 'Garage Petit',
        firstName: null,
        lastName: null,
        companyName: 'Garage Petit',
        siren: '442306007',
      },
      {
        kind: 'PERSON',
        displayName: 'LE GOFF Anne-Sophie',
        firstName: 'Anne-Sophie',
        lastName: 'LE GOFF',
        companyName: null,
        siren: null,
      },
      {
        kind: 'COMPANY',
        displayName: 'SARL Boulangerie Martin & Fils',
        firstName: null,
        lastName: null,
        companyName: 'SARL Boulangerie Martin & Fils',
        siren: null,
      },
    ]);
    let report = '';
    for await (const chunk of rejectionsReport({ actor: creditorUser, importId: up.importId })) report += chunk;
    // The empty name is refused under the creditor's own header for it.
    expect(report).toContain('"6";"Nom / Raison sociale : obligatoire pour une personne"');
    // The mistyped SIREN waits on its file for an agent, in the reader's language; another creditor sees nothing.
    const claim = await owner.claim.findFirstOrThrow({ where: { tenantId, invoiceNumber: 'EXP-6' } });
    const placed = await getFile({ actor: agent, id: claim.fileId });
    expect(placed.importWarnings).toEqual([
      {
        importId: up.importId,
        rowNumber: 7,
        issues: [{ field: 'siren', label: 'N° SIREN', key: 'row.sirenCheck', values: { value: '442 306 008' } }],
      },
    ]);
    expect(describeIssues(placed.importWarnings[0]!.issues, 'fr')).toBe(
      'N° SIREN : « 442 306 008 » : la clé de contrôle du SIREN ne correspond pas (chiffre mal saisi ?)',
    );
    const other = await owner.creditor.findFirstOrThrow({ where: { tenantId, id: { not: creditorUser.creditorId! } } });
    // The same creditor role, scoped to another creditor of the agency.
    const stranger: Actor = { ...creditorUser, creditorId: other.id };
    await expect(getFile({ actor: stranger, id: claim.fileId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const seen = await inTenant(scopeOf(stranger), (tx) => tx.importWarning.count({ where: { tenantId } }));
    expect(seen).toBe(0);
  });

  it('re-uploading the whole file the next day changes nothing', async () => {
    const file = await fileWith('flow-again.csv', csv(GOOD));
    const up = await upload(creditorUser, file);
    await previewImport({ actor: creditorUser, importId: up.importId, mapping: up.mapping });
    await processImport({ tenantId, importId: up.importId, mode: 'preview' });
    await confirmImport({ actor: creditorUser, importId: up.importId });
    const result = await processImport({ tenantId, importId: up.importId, mode: 'commit' });
    expect(result.counts).toMatchObject({ claims: 0, files: 0, duplicates: 3 });
  });

  it("a claim added to an open file gets its own limitation date, and moves the file's", async () => {
    // Léa Martin's open file (latest claim due 15/02/2026 → 15/02/2028) receives an invoice due 30/06/2026:
    // a consumer claim, C. conso. L218-2, last day 30/06/2028, which becomes the file's.
    const file = await fileWith('flow-more.csv', csv(['FLOW-6;;;Martin;Léa;3 rue Neuve;69001;Lyon;30/06/2026;80,00']));
    const up = await upload(creditorUser, file);
    await previewImport({ actor: creditorUser, importId: up.importId, mapping: up.mapping });
    await processImport({ tenantId, importId: up.importId, mode: 'preview' });
    await confirmImport({ actor: creditorUser, importId: up.importId });
    const result = await processImport({ tenantId, importId: up.importId, mode: 'commit' });
    expect(result.counts).toMatchObject({ claims: 1, files: 0, updates: 1 });
    const claim = await owner.claim.findFirstOrThrow({
      where: { tenantId, invoiceNumber: 'FLOW-6' },
      select: { fileId: true, limitationBasis: true, limitationStartsOn: true, limitationOn: true },
    });
    expect([claim.limitationBasis, day(claim.limitationStartsOn), day(claim.limitationOn)]).toEqual([
      'CONSUMER',
      '2026-06-30',
      '2028-06-30',
    ]);
    const siblings = await owner.claim.findMany({
      where: { tenantId, fileId: claim.fileId },
      select: { invoiceNumber: true, limitationOn: true },
      orderBy: { invoiceNumber: 'asc' },
    });
    expect(siblings.map((c) => [c.invoiceNumber, day(c.limitationOn)])).toEqual([
      ['FLOW-1', '2028-01-15'],
      ['FLOW-2', '2028-02-15'],
      ['FLOW-6', '2028-06-30'],
    ]);
    const openFile = await owner.caseFile.findFirstOrThrow({ where: { tenantId, id: claim.fileId } });
    expect(day(openFile.limitationOn)).toBe('2028-06-30');
  });

  it('a creditor user cannot import for another creditor', async () => {
    const other = await owner.creditor.findFirstOrThrow({ where: { tenantId, NOT: { id: creditorUser.creditorId! } } });
    const file = await fileWith('other.csv', csv(GOOD));
    await expect(upload(creditorUser, file, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an expired mandate blocks intake with a clear message and stores nothing', async () => {
    const creditor = await owner.creditor.findFirstOrThrow({
      where: { tenantId, NOT: { id: creditorUser.creditorId! } },
    });
    await owner.mandate.updateMany({
      where: { tenantId, creditorId: creditor.id },
      data: { endsOn: new Date('2026-01-31') },
    });
    const file = await fileWith('expired.csv', csv(GOOD));
    const error = await upload(agent, file, creditor.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID' });
    expect((error as Error).message).toMatch(/expired/i);
    expect(await owner.importBatch.count({ where: { tenantId, creditorId: creditor.id } })).toBe(0);
  });

  it('refuses a file with no invoice or amount column when the mapping is confirmed', async () => {
    const file = await fileWith('unknown.csv', 'Colonne A;Colonne B\nx;y\n');
    const up = await upload(agent, file, creditorUser.creditorId!);
    await expect(previewImport({ actor: agent, importId: up.importId, mapping: up.mapping })).rejects.toMatchObject({
      code: 'INVALID',
    });
  });

  it('the command line imports a file and prints a JSON summary as its last line', async () => {
    const creditor = await owner.creditor.findFirstOrThrow({ where: { tenantId, id: creditorUser.creditorId! } });
    const file = await fileWith('cli.csv', csv(['CLI-1;;;Roux;Anne;5 rue Z;69004;Lyon;01/03/2026;50,00', BAD[0]!]));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn('node_modules/.bin/tsx', ['lib/cli/import.ts', ...args], { env: process.env });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const ok = await run(['--agency', slug, '--creditor', creditor.code, '--file', file]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split('\n').pop()!)).toEqual({
      rows: 2,
      files: 1,
      claims: 1,
      duplicates: 0,
      rejected: 1,
    });
    const refused = await run([
      '--agency',
      slug,
      '--creditor',
      creditor.code,
      '--file',
      await fileWith('empty.csv', ''),
    ]);
    expect(refused.code).toBe(1);
  });
});
