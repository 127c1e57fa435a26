import type { LimitationBasis } from '../compliance/limitation';
import { openingJudgmentSql } from './opening-judgment';
import type { RowIssue } from '../i18n/message-ref';
import { Prisma } from '../db/generated/client';
import type {
  ClaimNature,
  FilePhase,
  FileStatus,
  DebtorKind,
  ContactKind,
  ContactStatus,
  MandateScope,
} from '../db/generated/enums';
import { activeMandateFor } from '../creditors/rules';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { recordAudit, recordAudits } from '../audit/record-audit';
import { fileRefSchema, fileListQuerySchema, type FileListQuery, type FileSort } from './schemas';
import { dayIn, dayOf } from '../dates/days';

export interface FileListItem {
  id: string;
  reference: string;
  debtorName: string;
  debtorKind: DebtorKind;
  creditorId: string;
  creditorName: string;
  phase: FilePhase;
  status: FileStatus;
  principalCents: number;
  currency: string;
  oldestDueOn: string | null;
  placedAt: string;
}

export interface FileListPage {
  items: FileListItem[];
  total: number;
  page: number;
  pageSize: number;
  query: FileListQuery;
}

const ORDER_BY: Record<FileSort, Prisma.Sql> = {
  recent: Prisma.sql`f.placed_at DESC, f.id`,
  amount_desc: Prisma.sql`f.principal_cents DESC, f.id`,
  amount_asc: Prisma.sql`f.principal_cents ASC, f.id`,
  age_desc: Prisma.sql`f.oldest_due_on ASC NULLS LAST, f.id`,
  age_asc: Prisma.sql`f.oldest_due_on DESC NULLS LAST, f.id`,
};

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The files list: search, filters, sort and server-side pagination, limited to what the actor may see. Through the
 * API (`audit` given) each listed file's debtor is recorded as read, in the same transaction; the agency's own list
 * page shows names only and is not.
 */
export async function listFiles({
  actor,
  query,
  audit,
}: {
  actor: Actor;
  query: unknown;
  audit?: { ip?: string };
}): Promise<FileListPage> {
  authorize(actor, 'files.list');
  const q = parseInput(fileListQuerySchema, query);
  const where: Prisma.Sql[] = [Prisma.sql`f.tenant_id = ${actor.tenantId}::uuid`];
  if (actor.creditorId) where.push(Prisma.sql`f.creditor_id = ${actor.creditorId}::uuid`);
  if (q.creditor) where.push(Prisma.sql`f.creditor_id = ${q.creditor}::uuid`);
  if (q.phase) where.push(Prisma.sql`f.phase = ${q.phase}::"FilePhase"`);
  if (q.status) where.push(Prisma.sql`f.status = ${q.status}::"FileStatus"`);
  if (q.q) {
    const pattern = likePattern(q.q);
    const prefix = `${q.q.replace(/[\\%_]/g, (c) => `\\${c}`).toUpperCase()}%`;
    where.push(Prisma.sql`(d.display_name ILIKE ${pattern} OR f.reference ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM claim c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id
                 AND upper(c.invoice_number) LIKE ${prefix}))`);
  }
  const whereSql = Prisma.join(where, ' AND ');
  const offset = (q.page - 1) * q.pageSize;

  return inTenant(scopeOf(actor), async (tx) => {
    const rows = await tx.$queryRaw<
      (Omit<FileListItem, 'principalCents' | 'oldestDueOn' | 'placedAt'> & {
        principalCents: bigint;
        oldestDueOn: Date | null;
        placedAt: Date;
      })[]
    >`
      SELECT f.id, f.reference, d.display_name AS "debtorName", d.kind AS "debtorKind",
             f.creditor_id AS "creditorId", cr.name AS "creditorName", f.phase, f.status,
             f.principal_cents AS "principalCents", f.currency, f.oldest_due_on AS "oldestDueOn",
             f.placed_at AS "placedAt"
        FROM case_file f
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
        JOIN creditor cr ON cr.tenant_id = f.tenant_id AND cr.id = f.creditor_id
       WHERE ${whereSql}
       ORDER BY ${ORDER_BY[q.sort]}
       LIMIT ${q.pageSize} OFFSET ${offset}`;
    const [count] = await tx.$queryRaw<{ total: bigint }[]>`
      SELECT count(*) AS total FROM case_file f
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
       WHERE ${whereSql}`;
    if (audit) {
      await recordAudits(
        tx,
        actor,
        rows.map((r) => ({ action: 'files.listed', entity: 'case_file', entityId: r.id, ip: audit.ip })),
      );
    }
    return {
      items: rows.map((r) => ({
        ...r,
        principalCents: Number(r.principalCents),
        oldestDueOn: r.oldestDueOn ? r.oldestDueOn.toISOString().slice(0, 10) : null,
        placedAt: r.placedAt.toISOString(),
      })),
      total: Number(count?.total ?? 0),
      page: q.page,
      pageSize: q.pageSize,
      query: q,
    };
  });
}

export interface FileDetail {
  id: string;
  reference: string;
  phase: FilePhase;
  status: FileStatus;
  currency: string;
  placedAt: string;
  version: number;
  creditor: { id: string; code: string; name: string };
  debtor: {
    id: string;
    kind: DebtorKind;
    displayName: string;
    siren: string | null;
    siret: string | null;
    locale: string;
  };
  contactPoints: {
    id: string;
    kind: ContactKind;
    label: string | null;
    value: string;
    /** An address's postcode (null for a phone or e-mail). */
    postcode: string | null;
    status: ContactStatus;
    source: string;
  }[];
  claims: {
    id: string;
    invoiceNumber: string;
    issuedOn: string;
    dueOn: string;
    principalCents: number;
    currency: string;
    nature: ClaimNature;
    /** The terms' penalty rate in basis points: null none (ECB + 10), 0 for "3 × the legal rate". */
    contractRateBps: number | null;
    creditorIsPrivateIndividual: boolean;
    /** Cancelled by a credit note or withdrawn: kept on the file at 0. */
    cancelled: boolean;
    /** The rule its limitation period comes from (lib/compliance/limitation.ts). */
    limitationBasis: LimitationBasis;
    /** The day its period runs from (the due date unless an agent set another, lib/cases/set-limitation-basis.ts). */
    limitationStartsOn: string;
    /** Its last day; null while a suspension runs. */
    limitationOn: string | null;
  }[];
  totals: { principalCents: number; claimCount: number };
  /** The creditor's mandate in force today, or null: without one nothing may be done on the file (CPCE R124-3). */
  mandateInForce: { reference: string; scope: MandateScope } | null;
  /** The first opening judgment of collective proceedings against the debtor: the claims to declare. */
  openingJudgmentOn: string | null;
  /** Timeline lines as stored (lib/history): render each with lib/history/render in the reader's language. */
  activities: { id: string; kind: string; details: unknown; occurredAt: string }[];
  /** Identifiers its imports left out because they did not check out: for the agent to verify. */
  importWarnings: { importId: string; rowNumber: number; issues: RowIssue[] }[];
}

function contactValue(c: {
  kind: ContactKind;
  line1: string | null;
  line2: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
}): string {
  if (c.kind === 'PHONE') return c.phone ?? '';
  if (c.kind === 'EMAIL') return c.email ?? '';
  return [c.line1, c.line2, [c.postcode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

interface FileContext {
  on: string | null;
  timeZone: string;
  mandates: { reference: string; scope: MandateScope; startsOn: string; endsOn: string | null }[];
}

/** One file with everything its page shows. Another agency's or creditor's file is simply not found. */
export async function getFile({ actor, id, ip }: { actor: Actor; id: unknown; ip?: string }): Promise<FileDetail> {
  authorize(actor, 'files.read');
  const { id: fileId } = parseInput(fileRefSchema, { id });
  return inTenant(scopeOf(actor), async (tx) => {
    const file = await tx.caseFile.findFirst({
      where: { tenantId: actor.tenantId, id: fileId, ...(actor.creditorId ? { creditorId: actor.creditorId } : {}) },
      include: {
        creditor: { select: { id: true, code: true, name: true } },
        debtor: { include: { contactPoints: { orderBy: { createdAt: 'asc' } } } },
        claims: { orderBy: { dueOn: 'asc' } },
        activities: { orderBy: { occurredAt: 'desc' }, take: 200 },
        importWarnings: { orderBy: [{ importId: 'asc' }, { rowNumber: 'asc' }], take: 20 },
      },
    });
    if (!file) throw AppError.notFound();
    // The read is recorded in the page's own transaction: one INSERT, no extra round trip to find the debtor.
    await recordAudit(tx, actor, {
      action: 'file.viewed',
      entity: 'case_file',
      entityId: file.id,
      debtorId: file.debtorId,
      ip,
    });
    const claims = file.claims.map((c) => ({
      id: c.id,
      invoiceNumber: c.invoiceNumber,
      issuedOn: dayOf(c.issuedOn),
      dueOn: dayOf(c.dueOn),
      principalCents: Number(c.principalCents),
      currency: c.currency,
      nature: c.nature,
      contractRateBps: c.contractRateBps,
      creditorIsPrivateIndividual: c.creditorIsPrivateIndividual,
      cancelled: c.cancelledAt !== null,
      limitationBasis: c.limitationBasis,
      limitationStartsOn: dayOf(c.limitationStartsOn),
      limitationOn: c.limitationOn ? dayOf(c.limitationOn) : null,
    }));
    // What the page adds to the file's own rows, in one round trip: the opening judgment, the creditor's mandates and
    // the agency's time zone (its today decides which mandate is in force).
    const [more] = await tx.$queryRaw<FileContext[]>`
      SELECT (SELECT o."on" FROM (${openingJudgmentSql(actor.tenantId, file.id)}) o) AS "on",
             a.time_zone AS "timeZone",
             (SELECT coalesce(json_agg(json_build_object('reference', m.reference, 'scope', m.scope,
                                                         'startsOn', m.starts_on::text, 'endsOn', m.ends_on::text)),
                              '[]'::json)
                FROM mandate m WHERE m.tenant_id = a.id AND m.creditor_id = ${file.creditorId}::uuid) AS mandates
        FROM agency a WHERE a.id = ${actor.tenantId}::uuid`;
    const inForce = activeMandateFor(more!.mandates, dayIn(more!.timeZone));
    const opening = { on: more!.on };
    return {
      id: file.id,
      reference: file.reference,
      phase: file.phase,
      status: file.status,
      currency: file.currency,
      placedAt: file.placedAt.toISOString(),
      version: file.version,
      creditor: { id: file.creditor.id, code: file.creditor.code, name: file.creditor.name },
      mandateInForce: inForce && { reference: inForce.reference, scope: inForce.scope },
      debtor: {
        id: file.debtor.id,
        kind: file.debtor.kind,
        displayName: file.debtor.displayName,
        siren: file.debtor.siren,
        siret: file.debtor.siret,
        locale: file.debtor.locale,
      },
      contactPoints: file.debtor.contactPoints.map((c) => ({
        id: c.id,
        kind: c.kind,
        label: c.label,
        value: contactValue(c),
        postcode: c.postcode,
        status: c.status,
        source: c.source,
      })),
      claims,
      totals: {
        principalCents: claims.reduce((s, c) => s + c.principalCents, 0),
        claimCount: claims.filter((c) => !c.cancelled).length,
      },
      openingJudgmentOn: opening?.on ?? null,
      activities: file.activities.map((a) => ({
        id: a.id,
        kind: a.kind,
        details: a.details,
        occurredAt: a.occurredAt.toISOString(),
      })),
      importWarnings: file.importWarnings.map((w) => ({
        importId: w.importId,
        rowNumber: w.rowNumber,
        issues: w.issues as unknown as RowIssue[],
      })),
    };
  });
}

/** Creditors the actor may filter by (a creditor user sees only its own). */
export async function listCreditorOptions({ actor }: { actor: Actor }) {
  authorize(actor, 'files.list');
  return inTenant(scopeOf(actor), (tx) =>
    tx.creditor.findMany({
      where: { tenantId: actor.tenantId, ...(actor.creditorId ? { id: actor.creditorId } : {}) },
      select: { id: true, code: true, name: true },
      orderBy: { name: 'asc' },
    }),
  );
}
