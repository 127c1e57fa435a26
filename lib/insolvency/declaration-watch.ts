import { declarationDeadlineState, INSOLVENCY_KINDS } from '../cases/company-event-rules';
import type { HolidayRegion } from '../compliance/holidays';
import { agencyClock } from '../dates/agency-clock';
import { Prisma } from '../db/generated/client';
import type { CompanyEventKind, CourtSeat, FileStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { declarationDeadlineOf } from './opening';

// The managers' watch over claim declarations (issue 14): every open file whose debtor is in collective proceedings,
// with claims born before the opening judgment and no declaration covering it yet (its creditor's declaration may have
// been filed from another of its files: lib/insolvency/file-claim-declaration.ts), and where its deadline stands.

/** LAPSED: past the deadline (only a relief from foreclosure is left, L622-26); ALERT: within 15 days of it. */
export type WatchState = 'LAPSED' | 'ALERT' | 'UNKNOWN' | 'OPEN';

export interface WatchedDeclaration {
  fileId: string;
  fileReference: string;
  fileStatus: FileStatus;
  creditorName: string;
  debtorName: string;
  proceedings: CompanyEventKind;
  openedOn: string;
  publishedOn: string | null;
  courtSeat: CourtSeat;
  /** Four months rather than two (R622-24 al. 2, 3). */
  extended: boolean;
  /** null while the BODACC publication is unknown: the deadline cannot be counted (state UNKNOWN). */
  deadline: string | null;
  state: WatchState;
}

export interface DeclarationWatch {
  today: string;
  /** Lapsed first (the oldest first), then those within the alert, then those whose publication is unknown. */
  rows: WatchedDeclaration[];
  /** Declarations still to make whose deadline is further away than the alert: counted, not listed. */
  openLater: number;
}

const ORDER: Record<WatchState, number> = { LAPSED: 0, ALERT: 1, UNKNOWN: 2, OPEN: 3 };

interface Row {
  file_id: string;
  reference: string;
  status: FileStatus;
  creditor_name: string;
  creditor_postcode: string;
  creditor_country: string;
  debtor_name: string;
  kind: CompanyEventKind;
  occurred_on: string;
  published_on: string | null;
  court_seat: CourtSeat;
  holiday_region: HolidayRegion;
}

/**
 * The declarations that lapsed or are about to, for the agency's managers. The proceedings are the debtor's first
 * opening judgment (a conversion opens nothing new, lib/insolvency/opening.ts); a file counts while it is open, holds
 * a live claim issued before that judgment and has no declaration filed for it. Deadlines are counted as on the file
 * page (R622-24 with the court's seat, CPC 641-642 in the court's calendar).
 */
export async function declarationWatch({ actor, now }: { actor: Actor; now?: Date }): Promise<DeclarationWatch> {
  authorize(actor, 'declarations.watch');
  return inTenant(scopeOf(actor), async (tx) => {
    const clock = await agencyClock(tx, actor.tenantId, now);
    const rows = await tx.$queryRaw<Row[]>`
      WITH opening AS (
        SELECT DISTINCT ON (e.debtor_id) e.debtor_id, e.id, e.kind, e.occurred_on, e.published_on, e.court_seat,
               e.holiday_region
          FROM company_event e
         WHERE e.tenant_id = ${actor.tenantId}::uuid AND e.kind::text IN (${Prisma.join([...INSOLVENCY_KINDS])})
         ORDER BY e.debtor_id, e.occurred_on, e.recorded_at
      )
      SELECT f.id AS file_id, f.reference, f.status, c.name AS creditor_name, c.postcode AS creditor_postcode,
             c.country AS creditor_country,
             d.display_name AS debtor_name, o.kind, o.occurred_on::text AS occurred_on,
             o.published_on::text AS published_on, o.court_seat, o.holiday_region
        FROM opening o
        JOIN case_file f ON f.tenant_id = ${actor.tenantId}::uuid AND f.debtor_id = o.debtor_id
        JOIN creditor c ON c.tenant_id = f.tenant_id AND c.id = f.creditor_id
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       WHERE f.phase <> 'CLOSED'
         AND EXISTS (SELECT 1 FROM claim k
                      WHERE k.tenant_id = f.tenant_id AND k.file_id = f.id AND k.cancelled_at IS NULL
                        AND k.issued_on < o.occurred_on)
         AND NOT EXISTS (SELECT 1 FROM claim_declaration_file x
                          WHERE x.tenant_id = f.tenant_id AND x.file_id = f.id AND x.company_event_id = o.id)`;
    const watched = rows.map((r): WatchedDeclaration => {
      const { deadline, extended } = declarationDeadlineOf(
        { publishedOn: r.published_on, courtSeat: r.court_seat, holidayRegion: r.holiday_region },
        { postcode: r.creditor_postcode, country: r.creditor_country },
      );
      return {
        fileId: r.file_id,
        fileReference: r.reference,
        fileStatus: r.status,
        creditorName: r.creditor_name,
        debtorName: r.debtor_name,
        proceedings: r.kind,
        openedOn: r.occurred_on,
        publishedOn: r.published_on,
        courtSeat: r.court_seat,
        extended,
        deadline,
        state: deadline ? declarationDeadlineState(deadline, clock.today) : 'UNKNOWN',
      };
    });
    const listed = watched
      .filter((w) => w.state !== 'OPEN')
      .sort(
        (a, b) =>
          ORDER[a.state] - ORDER[b.state] ||
          (a.deadline ?? a.openedOn).localeCompare(b.deadline ?? b.openedOn) ||
          a.fileReference.localeCompare(b.fileReference),
      );
    return { today: clock.today, rows: listed, openLater: watched.length - listed.length };
  });
}
