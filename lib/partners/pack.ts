import yazl from 'yazl';
import { csvCell } from '../csv/cells';
import type { FileAmounts } from '../payments/file-amounts';

// The hand-over pack: one ZIP a partner opens on any machine. yazl writes it: it is already the project's ZIP writer
// (lib/reports/xlsx.ts), maintained, without dependencies, and streams, so nothing new enters the server.

export interface PackEntry {
  /** The name inside the ZIP. */
  name: string;
  bytes: Buffer;
}

/** The entries as one ZIP, dated at the epoch so the same pack gives the same bytes. */
export async function zipPack(entries: readonly PackEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.name, { mtime: new Date(0) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The amounts as a partner's spreadsheet reads them: one row per invoice, then the totals; euros with a dot. */
export function amountsCsv(amounts: FileAmounts, reference: string): string {
  const euros = (c: number) => (c / 100).toFixed(2);
  const header = [
    'dossier',
    'facture',
    'echeance',
    'principal',
    'interets',
    'indemnite',
    'regle',
    'reste_du',
    'devise',
  ];
  const rows = amounts.claims.map((c) => [
    reference,
    c.invoiceNumber,
    c.dueOn,
    euros(c.principalCents),
    euros(c.interestCents),
    euros(c.indemnityCents),
    euros(c.paidCents),
    euros(c.dueCents),
    amounts.currency.trim(),
  ]);
  const t = amounts.totals;
  rows.push([
    reference,
    'TOTAL',
    amounts.asOf,
    euros(t.principalCents),
    euros(t.interestCents),
    euros(t.indemnityCents),
    euros(t.paidCents),
    euros(t.dueCents),
    amounts.currency.trim(),
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** A file name that is safe in a ZIP on every system. */
export function entryName(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 80) || 'document'
  );
}
