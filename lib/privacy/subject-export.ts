import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { Prisma } from '../db/generated/client';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { fileRefSchema } from '../cases/schemas';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import type { Download } from '../http/download';
import { renderSubjectAccess } from '../letters/subject-access';

/**
 * GDPR art. 15 and 20: everything the agency holds on one person, as stored. Each table that holds a row about the
 * person or one of their files is listed here, and its rows are given whole (minus the tenant id), so a column added
 * later is in the export without anyone remembering to add it. Secrets are left out by table, not by column: the
 * debtor's page links (hashes of the link's secret) and the card provider's sessions are the agency's keys, not data
 * about the person.
 */
export const FILE_TABLES = [
  'claim',
  'payment',
  'payment_plan',
  'promise',
  'dispute',
  'activity',
  'task',
  'document',
  'file_info',
  'outbound_message',
  'limitation_event',
  'judicial_procedure',
  'file_closing',
] as const;
export const DEBTOR_TABLES = ['contact_point', 'company_event'] as const;

export type SubjectSection =
  'debtor' | 'files' | (typeof DEBTOR_TABLES)[number] | (typeof FILE_TABLES)[number] | 'reads';

export interface SubjectExport {
  exportedAt: string;
  agency: { name: string; legalName: string; address: string };
  /** Each section: the rows as stored (column name → value), oldest first where the table has a creation time. */
  sections: Record<SubjectSection, Record<string, unknown>[]>;
}

const rowsOf = (from: Prisma.Sql, where: Prisma.Sql) => Prisma.sql`
  SELECT coalesce(jsonb_agg(to_jsonb(x) - 'tenant_id'), '[]'::jsonb) AS rows FROM ${from} x WHERE ${where}`;

/** Everything held on a debtor (a manager or admin answering an access request); the export is itself audited. */
export async function subjectExport({
  actor,
  id,
  ip,
  format,
}: {
  actor: Actor;
  id: unknown;
  ip?: string;
  format: 'json' | 'pdf';
}): Promise<SubjectExport> {
  authorize(actor, 'privacy.manage');
  const { id: debtorId } = parseInput(fileRefSchema, { id });
  const t = actor.tenantId;
  return inTenant(scopeOf(actor), async (tx) => {
    const [debtor] = await tx.$queryRaw<{ rows: Record<string, unknown>[] }[]>(
      rowsOf(Prisma.raw('debtor'), Prisma.sql`x.tenant_id = ${t}::uuid AND x.id = ${debtorId}::uuid`),
    );
    if (!debtor || debtor.rows.length === 0) throw AppError.notFound();
    const sections = { debtor: debtor.rows } as SubjectExport['sections'];
    const [files] = await tx.$queryRaw<{ rows: Record<string, unknown>[] }[]>`
      SELECT coalesce(jsonb_agg((to_jsonb(x) - 'tenant_id') || jsonb_build_object('creditor_name', c.name)
                                ORDER BY x.placed_at), '[]'::jsonb) AS rows
        FROM case_file x JOIN creditor c ON c.tenant_id = x.tenant_id AND c.id = x.creditor_id
       WHERE x.tenant_id = ${t}::uuid AND x.debtor_id = ${debtorId}::uuid`;
    sections.files = files!.rows;
    const fileIds = files!.rows.map((f) => String(f.id));
    for (const table of DEBTOR_TABLES) {
      const [r] = await tx.$queryRaw<{ rows: Record<string, unknown>[] }[]>(
        rowsOf(Prisma.raw(table), Prisma.sql`x.tenant_id = ${t}::uuid AND x.debtor_id = ${debtorId}::uuid`),
      );
      sections[table] = r!.rows;
    }
    for (const table of FILE_TABLES) {
      const [r] = await tx.$queryRaw<{ rows: Record<string, unknown>[] }[]>(
        rowsOf(Prisma.raw(table), Prisma.sql`x.tenant_id = ${t}::uuid AND x.file_id = ANY(${fileIds}::uuid[])`),
      );
      sections[table] = r!.rows;
    }
    // Recipients (art. 15(1)(c)): who at the agency and its creditors read the data, and when.
    const [reads] = await tx.$queryRaw<{ rows: Record<string, unknown>[] }[]>`
      SELECT coalesce(jsonb_agg(jsonb_build_object('at', a.occurred_at, 'action', a.action, 'kind', a.kind,
                                                   'by', i.name, 'role', m.role) ORDER BY a.occurred_at), '[]'::jsonb) AS rows
        FROM audit_log a
        LEFT JOIN membership m ON m.tenant_id = a.tenant_id AND m.id = a.actor_id
        LEFT JOIN identity i ON i.id = m.identity_id
       WHERE a.tenant_id = ${t}::uuid AND a.debtor_id = ${debtorId}::uuid AND a.kind IN ('read', 'export')`;
    sections.reads = reads!.rows;
    const agency = await tx.agency.findUniqueOrThrow({
      where: { id: t },
      select: { name: true, legalName: true, address: true },
    });
    await recordAudit(tx, actor, {
      action: 'debtor.exported',
      entity: 'debtor',
      entityId: debtorId,
      debtorId,
      ip,
      details: { format },
    });
    return { exportedAt: new Date().toISOString(), agency, sections };
  });
}

// JSON unless the PDF is asked for; other parameters are ignored, so another agency's id answers 404, not 400.
export const subjectExportQuerySchema = z.object({
  format: z.enum(['json', 'pdf'], { error: 'errors.field.invalid' }).default('json'),
});

/** The export as a download: JSON (machine-readable, art. 20) or a PDF in the person's own language (art. 15(3)). */
export async function subjectDownload({
  actor,
  id,
  ip,
  query,
}: {
  actor: Actor;
  id: unknown;
  ip?: string;
  query: unknown;
}): Promise<Download> {
  authorize(actor, 'privacy.manage');
  const { format } = parseInput(subjectExportQuerySchema, query);
  const data = await subjectExport({ actor, id, ip, format });
  const person = data.sections.debtor[0]!;
  const base = `donnees-${String(person.display_name ?? 'personne')}`;
  if (format === 'json') {
    const body = new TextEncoder().encode(JSON.stringify(data, null, 2));
    return { name: `${base}.json`, contentType: 'application/json; charset=utf-8', size: body.byteLength, body };
  }
  const pdf = await renderSubjectAccess({
    locale: person.locale === 'en' ? 'en' : 'fr',
    date: data.exportedAt.slice(0, 10),
    agency: data.agency,
    personName: String(person.display_name),
    sections: Object.entries(data.sections).map(([key, rows]) => ({ key, rows })),
  });
  const body = new Uint8Array(pdf);
  return { name: `${base}.pdf`, contentType: 'application/pdf', size: body.byteLength, body };
}
