import { declarationDeadlineState } from '../cases/company-event-rules';
import { agencyClock } from '../dates/agency-clock';
import { dayOf } from '../dates/days';
import type { ClaimSecurity, DeclarationStatus } from '../db/generated/enums';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { declarationCovering, linkedDeclarations } from './filed-declaration';
import { declarationDeadlineOf, openingOf, type Opening } from './opening';

export interface FileInsolvency {
  opening: Opening;
  /** The last day to declare (R622-24, CPC 642); null while the BODACC publication is unknown. */
  deadline: string | null;
  /** Four months instead of two: the creditor does not live where the court sits (R622-24 al. 2, 3). */
  extended: boolean;
  /** FILED once declared; else where the deadline stands today (LAPSED is shown in red). */
  deadlineState: 'FILED' | 'UNKNOWN' | 'OPEN' | 'ALERT' | 'LAPSED';
  declaration: {
    status: DeclarationStatus;
    filedOn: string;
    powerOn: string;
    declaredCents: number;
    toFallDueCents: number;
    security: ClaimSecurity;
    securityDetail: string | null;
    admittedCents: number | null;
    decidedOn: string | null;
    dividendsCents: number;
    /** This file's part of the declaration (declaredCents is the whole). */
    fileDeclaredCents: number;
    /** Every file the creditor's one declaration covers, this one included (issue 14). */
    files: { id: string; reference: string }[];
    /** The supplementary and corrective declarations filed after it (decision 0021), in filing order. */
    linked: {
      id: string;
      kind: 'SUPPLEMENTARY' | 'CORRECTIVE';
      filedOn: string;
      declaredCents: number;
      /** This file's amount in it; null when it does not cover this file. */
      fileDeclaredCents: number | null;
      reliefOn: string | null;
      files: { id: string; reference: string }[];
    }[];
  } | null;
}

/** The file page's view of the debtor's collective proceedings and the file's declaration; null without any. */
export async function fileInsolvency(actor: Actor, fileId: string): Promise<FileInsolvency | null> {
  authorize(actor, 'files.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id: fileId, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      select: { id: true, debtorId: true, creditor: { select: { postcode: true, country: true } } },
    });
    if (!file) throw AppError.notFound();
    const opening = await openingOf(tx, actor.tenantId, file.debtorId);
    if (!opening) return null;
    const clock = await agencyClock(tx, actor.tenantId);
    const { deadline, extended } = declarationDeadlineOf(opening, file.creditor);
    const row = await declarationCovering(tx, actor.tenantId, file.id, opening.id);
    const linked = row ? await linkedDeclarations(tx, actor.tenantId, row.id) : [];
    const dividends = row
      ? await tx.payment.aggregate({
          where: { tenantId: actor.tenantId, dividend: { declarationId: row.id } },
          _sum: { amountCents: true },
        })
      : null;
    return {
      opening,
      deadline,
      extended,
      deadlineState: row ? 'FILED' : deadline ? declarationDeadlineState(deadline, clock.today) : 'UNKNOWN',
      declaration: row
        ? {
            status: row.status,
            filedOn: dayOf(row.filedOn),
            powerOn: dayOf(row.powerOn),
            declaredCents: Number(row.declaredCents),
            toFallDueCents: Number(row.toFallDueCents),
            security: row.security,
            securityDetail: row.securityDetail,
            admittedCents: row.admittedCents === null ? null : Number(row.admittedCents),
            decidedOn: row.decidedOn ? dayOf(row.decidedOn) : null,
            dividendsCents: Number(dividends?._sum.amountCents ?? 0),
            // Zero when only a supplementary declaration covers this file (placed after the first was filed).
            fileDeclaredCents: Number(row.files.find((f) => f.fileId === file.id)?.declaredCents ?? 0),
            files: row.files.map((f) => ({ id: f.fileId, reference: f.file.reference })),
            linked: linked.map((l) => {
              const own = l.files.find((f) => f.fileId === file.id);
              return {
                id: l.id,
                kind: l.kind as 'SUPPLEMENTARY' | 'CORRECTIVE',
                filedOn: dayOf(l.filedOn),
                declaredCents: Number(l.declaredCents),
                fileDeclaredCents: own ? Number(own.declaredCents) : null,
                reliefOn: l.reliefOn ? dayOf(l.reliefOn) : null,
                files: l.files.map((f) => ({ id: f.fileId, reference: f.file.reference })),
              };
            }),
          }
        : null,
    };
  });
}
