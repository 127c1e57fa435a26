import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { loadImport } from './load-import';
import { csvCell } from '../csv/cells';
import { INTAKE_FIELDS } from './schemas';
import type { RowIssue } from '../i18n/message-ref';
import type { Locale } from '../i18n/locales';
import { describeIssues, translatorFor } from '../i18n/translate';

const PAGE = 5_000;

/**
 * The rejected rows of an import as CSV (UTF-8 with BOM and ';' so French Excel opens it), read page by page
 * so a million refused rows never sit in memory. Cells are neutralised against formula injection.
 */
export async function* rejectionsReport({
  actor,
  importId,
  locale = 'fr',
  ip,
}: {
  actor: Actor;
  importId: unknown;
  /** Where the download was asked from: the raw rows are people's data, so the export is audited. */
  ip?: string;
  /** The reader's language, for the headers and the reasons (rows imported before reasons had keys keep theirs). */
  locale?: Locale;
}): AsyncGenerator<string> {
  authorize(actor, 'imports.read');
  const batch = await inTenant(scopeOf(actor), async (tx) => {
    const found = await loadImport(tx, actor, importId);
    await recordAudit(tx, actor, {
      action: 'import.rejections_downloaded',
      entity: 'import_batch',
      entityId: found.id,
      ip,
    });
    return found;
  });
  // The fields the import read, in a stable order, each in its own (neutralised) cell.
  const mapped = new Set(Object.keys((batch.mapping ?? {}) as object));
  const fields = INTAKE_FIELDS.filter((f) => mapped.size === 0 || mapped.has(f));
  const t = translatorFor(locale, 'imports');
  const header = [t('rejections.row'), t('rejections.reason'), ...fields.map((f) => t(`fields.${f}`))];
  yield '\uFEFF' + header.map(csvCell).join(';') + '\r\n';
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
          const reason = r.issues ? describeIssues(r.issues as unknown as RowIssue[], locale) : r.reason;
          return [r.rowNumber, reason, ...fields.map((f) => raw[f])].map(csvCell).join(';');
        })
        .join('\r\n') + '\r\n'
    );
    after = rows[rows.length - 1]!.rowNumber;
  }
}
