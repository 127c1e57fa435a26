import { Prisma } from '../db/generated/client';
import type { RawTx } from '../db/raw';
import { checkEntry, type TimelineEntry } from './kinds';

// The one place a line reaches a file's timeline (append-only: never updated); a static test keeps every
// `INSERT INTO activity` here. A file's own changes write theirs through the file store (lib/cases/file-store.ts
// saveFile); work that only observes a file (a message sent, a scenario paused) writes through these functions.
// Tagged raw SQL, so it runs on a Prisma transaction and on the scenario engine's plain pg connection alike.

export interface TimelineWhere {
  tenantId: string;
  fileId: string;
  /** The staff member who did it; null for a job. */
  actorId: string | null;
  at?: Date;
}

/** One line; returns its id (audit entries point at it). */
export async function recordTimeline(tx: RawTx, where: TimelineWhere, line: TimelineEntry): Promise<string> {
  const [id] = await recordTimelineLines(tx, where, [line]);
  return id!;
}

/** Several lines of one file, in the order given (a few microseconds apart, so the timeline keeps it). */
export async function recordTimelineLines(
  tx: RawTx,
  where: TimelineWhere,
  lines: readonly TimelineEntry[],
): Promise<string[]> {
  if (lines.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>(
    timelineInsert(
      where.tenantId,
      lines.map((line) => ({ fileId: where.fileId, line })),
      where,
    ),
  );
  return rows.map((r) => r.id);
}

/**
 * Lines of many files in one statement, for set-based writers (the scenario engine, batches): each row's file
 * and line, the same actor and time for all. RETURNING the ids in the order given.
 */
export function timelineInsert(
  tenantId: string,
  rows: readonly { fileId: string; line: TimelineEntry }[],
  { actorId = null, at }: { actorId?: string | null; at?: Date } = {},
): Prisma.Sql {
  const checked = rows.map((r) => checkEntry(r.line));
  const fileIds = rows.map((r) => r.fileId);
  const kinds = checked.map((c) => c.kind);
  const details = checked.map((c) => JSON.stringify(c.details));
  const when = at ? Prisma.sql`${at}::timestamptz` : Prisma.sql`now()`;
  return Prisma.sql`
    INSERT INTO activity (tenant_id, file_id, actor_id, kind, details, occurred_at)
    SELECT ${tenantId}::uuid, l.file_id, ${actorId}::uuid, l.kind, l.details, ${when} + (l.n - 1) * interval '1 microsecond'
      FROM unnest(${fileIds}::uuid[], ${kinds}::text[], ${details}::jsonb[]) WITH ORDINALITY AS l(file_id, kind, details, n)
     ORDER BY l.n
    RETURNING id::text`;
}
