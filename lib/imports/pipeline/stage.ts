import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import type { RowIssue } from '../../i18n/message-ref';
import type { IntakeItem } from '../schemas';
import { copyLine, copyValue } from './copy-text';

// Temporary tables live and die with the import's transaction: a crash leaves nothing behind.
// One COPY per connection at a time, so valid and refused rows share the table: a refused row has a reason.
export const STAGE_DDL = `
CREATE TEMP TABLE import_stage (
  row_number integer NOT NULL,
  kind "DebtorKind",
  company_name text, first_name text, last_name text, siren text, siret text,
  display_name text, match_key text, email text, phone text,
  line1 text, line2 text, postcode text, city text, country text,
  invoice_number text, issued_on date, due_on date, principal_cents bigint, currency char(3), nature "ClaimNature",
  limitation_basis "LimitationBasis", reason text, raw jsonb, issues jsonb,
  outcome text, warnings jsonb
) ON COMMIT DROP`;

const STAGE_COLUMNS =
  'row_number, kind, company_name, first_name, last_name, siren, siret, display_name, match_key, email, phone, ' +
  'line1, line2, postcode, city, country, invoice_number, issued_on, due_on, principal_cents, currency, nature, ' +
  'limitation_basis, reason, ' +
  'raw, issues, warnings';
export const STAGE_COPY = `COPY import_stage (${STAGE_COLUMNS}) FROM STDIN`;

// The columns above in order, written out rather than through copyLine's array: this runs once per row. Kind, days,
// cents and currency are made by the schema and never need escaping.
export function stageLine(rowNumber: number, item: IntakeItem, warnings: readonly RowIssue[] = []): string {
  const { debtor: d, claim: c } = item;
  const a = d.address;
  const v = copyValue;
  return (
    `${rowNumber}\t${d.kind}\t${v(d.companyName)}\t${v(d.firstName)}\t${v(d.lastName)}\t${v(d.siren)}\t${v(d.siret)}\t` +
    `${v(d.displayName)}\t${v(d.matchKey)}\t${v(d.email)}\t${v(d.phone)}\t${v(a?.line1)}\t${v(a?.line2)}\t` +
    `${v(a?.postcode)}\t${v(a?.city)}\t${v(a?.country)}\t${v(c.invoiceNumber)}\t${c.issuedOn}\t${c.dueOn}\t` +
    `${c.principalCents}\t${c.currency}\t${c.nature ?? '\\N'}\t${c.limitationBasis ?? '\\N'}\t\\N\t\\N\t\\N\t${warnings.length ? v(JSON.stringify(warnings)) : '\\N'}\n`
  );
}

const EMPTY_ROW: null[] = Array(22).fill(null);

/** A refused row: its reason in English (API, command line) and its issues as catalogue keys (screens). */
export function rejectLine(
  rowNumber: number,
  reason: string,
  raw: Record<string, unknown>,
  issues: readonly RowIssue[],
): string {
  return copyLine([rowNumber, ...EMPTY_ROW, reason, JSON.stringify(raw), JSON.stringify(issues), null]);
}

/**
 * A COPY stream that honours backpressure, so memory stays flat whatever the file size. Lines are sent in
 * ~64 KB chunks: one socket write per row made COPY ten times slower than PostgreSQL can ingest.
 */
export class CopyWriter {
  private buffer: string[] = [];
  private size = 0;

  private constructor(private readonly stream: Writable) {}

  static open(client: pg.PoolClient, sql: string): CopyWriter {
    return new CopyWriter(client.query(copyFrom(sql)));
  }

  /** A promise only when the chunk was sent and the socket is full: an await per row cost a tenth of the staging. */
  write(line: string): Promise<void> | undefined {
    this.buffer.push(line);
    this.size += line.length;
    return this.size >= 65_536 ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.once('finish', resolve);
      this.stream.end();
    });
  }
}
