import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { DEBTOR_TABLES, FILE_TABLES, subjectDownload, subjectExport } from '../../lib/privacy/subject-export';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

// Issue 18, data-subject rights: everything held on a person, as JSON and as a PDF they can read, audited.
const owner = ownerDb();
let tenantId: string;
let otherTenant: string;
let manager: Actor;
let agent: Actor;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('se'),
    name: 'Export',
    seed: 8,
    files: 25,
    password: 'x-password-1',
  }));
  ({ tenantId: otherTenant } = await seedAgency(owner, {
    slug: uniqueSlug('se2'),
    name: 'Other',
    seed: 9,
    files: 3,
    password: 'x-password-1',
  }));
  manager = await actorFor(owner, tenantId, 'MANAGER');
  agent = await actorFor(owner, tenantId, 'AGENT');
});
afterAll(() => owner.$disconnect());

async function busyDebtor() {
  // The debtor with the most timeline lines: the export has something in most sections.
  const [row] = await owner.$queryRaw<{ debtor_id: string }[]>`
    SELECT f.debtor_id FROM case_file f JOIN activity a ON a.tenant_id = f.tenant_id AND a.file_id = f.id
     WHERE f.tenant_id = ${tenantId}::uuid GROUP BY f.debtor_id ORDER BY count(*) DESC, f.debtor_id LIMIT 1`;
  return row!.debtor_id;
}

describe('subject export', () => {
  it("holds every row of the person's files and contact points, whole, and records the export", async () => {
    const debtorId = await busyDebtor();
    const data = await subjectExport({ actor: manager, id: debtorId, ip: '198.51.100.20', format: 'json' });
    const files = await owner.caseFile.findMany({ where: { tenantId, debtorId } });
    expect(data.sections.files.map((f) => f.id).sort()).toEqual(files.map((f) => f.id).sort());
    expect(data.sections.debtor[0]).toMatchObject({ id: debtorId });
    expect(data.sections.debtor[0]).not.toHaveProperty('tenant_id');
    const fileIds = files.map((f) => f.id);
    expect(data.sections.contact_point.length).toBe(await owner.contactPoint.count({ where: { tenantId, debtorId } }));
    expect(data.sections.claim.length).toBe(await owner.claim.count({ where: { tenantId, fileId: { in: fileIds } } }));
    expect(data.sections.activity.length).toBe(
      await owner.activity.count({ where: { tenantId, fileId: { in: fileIds } } }),
    );
    expect(data.sections.activity.length).toBeGreaterThan(0);
    for (const table of [...DEBTOR_TABLES, ...FILE_TABLES]) expect(Array.isArray(data.sections[table])).toBe(true);
    const audit = await owner.auditLog.findFirstOrThrow({ where: { tenantId, action: 'debtor.exported', debtorId } });
    expect(audit).toMatchObject({ kind: 'export', actorId: manager.membershipId, ip: '198.51.100.20' });
  });

  it("gives a JSON download and a PDF in the person's language that reads their name and sections", async () => {
    const debtorId = await busyDebtor();
    const debtor = await owner.debtor.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: debtorId } } });
    const json = await subjectDownload({ actor: manager, id: debtorId, query: { format: 'json' } });
    expect(json.contentType).toMatch(/application\/json/);
    const parsed = JSON.parse(new TextDecoder().decode(json.body as Uint8Array)) as {
      sections: { debtor: { display_name: string }[] };
    };
    expect(parsed.sections.debtor[0]!.display_name).toBe(debtor.displayName);

    const pdf = await subjectDownload({ actor: manager, id: debtorId, query: { format: 'pdf' } });
    expect(pdf.contentType).toBe('application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'subject-'));
    const file = path.join(dir, 'export.pdf');
    writeFileSync(file, pdf.body as Uint8Array);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(debtor.displayName);
    expect(text).toContain(debtor.locale === 'en' ? 'Your personal data' : 'Vos données personnelles');
    expect(text).toContain(debtor.locale === 'en' ? 'Contact details' : 'Coordonnées');
  });

  it("refuses an agent, another agency's person, and an unknown format", async () => {
    const debtorId = await busyDebtor();
    await expect(subjectExport({ actor: agent, id: debtorId, format: 'json' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const foreign = await owner.debtor.findFirstOrThrow({ where: { tenantId: otherTenant } });
    await expect(subjectExport({ actor: manager, id: foreign.id, format: 'json' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(subjectDownload({ actor: manager, id: debtorId, query: { format: 'xml' } })).rejects.toMatchObject({
      code: 'INVALID',
    });
    // No format: JSON; so the route crawler's bare request for another agency's person is a plain 404.
    await expect(subjectDownload({ actor: manager, id: foreign.id, query: {} })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(subjectDownload({ actor: agent, id: debtorId, query: { format: 'xml' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
