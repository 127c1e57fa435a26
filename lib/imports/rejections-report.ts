import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { loadImport } from './load-import';
import { csvCell } from './csv-safe';
import { INTAKE_FIELDS, type IntakeField } from './schemas';

const REPORT_LABELS: Record<IntakeField, string> = {
  debtorType: 'type de débiteur',
  companyName: 'raison sociale',
  firstName: 'prénom',
  lastName: 'nom',
  siren: 'SIREN',
  siret: 'SIRET',
  email: 'e-mail',
  phone: 'téléphone',
  addressLine1: 'adresse',
  addressLine2: "complément d'adresse",
  postcode: 'code postal',
  city: 'ville',
  country: 'pays',
  invoiceNumber: 'n° facture',
  issueDate: 'date facture',
  dueDate: 'échéance',
  amount: 'montant',
  currency: 'devise',
};

const PAGE = 5_000;

/**
 * The rejected rows of an import as CSV (UTF-8 with BOM and ';' so French Excel opens it), read page by page
 * so a million refused rows never sit in memory. Cells are neutralised against formula injection.
 */
export async function* rejectionsReport({
  actor,
  importId,
}: {
  actor: Actor;
  importId: unknown;
}): AsyncGenerator<string> {
  authorize(actor, 'imports.read');
  const batch = await inTenant(scopeOf(actor), (tx) => loadImport(tx, actor, importId));
  // The fields the import read, in a stable order, each in its own (neutralised) cell.
  const mapped = new Set(Object.keys((batch.mapping ?? {}) as object));
  const fields = INTAKE_FIELDS.filter((f) => mapped.size === 0 || mapped.has(f));
  yield '\uFEFF' + ['ligne', 'motif', ...fields.map((f) => REPORT_LABELS[f])].map(csvCell).join(';') + '\r\n';
  let after = -1;
  for (;;) {
    const rows = await inTenant(scopeOf(actor), (tx) =>
      tx.importRejection.findMany({
        where: { tenantId: actor.tenantId, importId: batch.id, rowNumber: { gt: after } },
        orderBy: { rowNumber: 'asc' },
        take: PAGE,
      }),
    );
    if (rows.length === 0) return;
    yield (
      rows
        .map((r) => {
          const raw = r.raw as Record<string, string | number | null>;
          return [r.rowNumber, r.reason, ...fields.map((f) => raw[f])].map(csvCell).join(';');
        })
        .join('\r\n') + '\r\n'
    );
    after = rows[rows.length - 1]!.rowNumber;
  }
}
