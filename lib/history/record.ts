import { Prisma } from '../db/generated/client';
import type { Tx } from '../db/tenant';
import { checkEntry, type TimelineEntry } from './kinds';

// The one way a line reaches a file's timeline (append-only: never updated). Writers that build their rows in
// SQL (the engine, the import merge) take `timelineRows` and insert kind + details themselves.

export interface TimelineWhere {
  tenantId: string;
  fileId: string;
  actorId: string | null;
  at?: Date;
}

export async function recordTimeline(tx: Tx, where: TimelineWhere, line: TimelineEntry): Promise<string> {
  const { kind, details } = checkEntry(line);
  const row = await tx.activity.create({
    data: {
      tenantId: where.tenantId,
      fileId: where.fileId,
      actorId: where.actorId,
      kind,
      details: details as Prisma.InputJsonObject,
      ...(where.at ? { occurredAt: where.at } : {}),
    },
    select: { id: true },
  });
  return row.id;
}

/** Several lines of one or more files in one INSERT. */
export async function recordTimelines(tx: Tx, lines: (TimelineWhere & { line: TimelineEntry })[]): Promise<void> {
  if (lines.length === 0) return;
  await tx.activity.createMany({
    data: lines.map((l) => {
      const { kind, details } = checkEntry(l.line);
      return {
        tenantId: l.tenantId,
        fileId: l.fileId,
        actorId: l.actorId,
        kind,
        details: details as Prisma.InputJsonObject,
        ...(l.at ? { occurredAt: l.at } : {}),
      };
    }),
  });
}

/**
 * Checked lines as two parallel arrays for `unnest(${kinds}::text[], ${details}::jsonb[])` in raw SQL; the order
 * is kept, so lines written together keep it on the timeline.
 */
export function timelineColumns(lines: TimelineEntry[]): { kinds: string[]; details: string[] } {
  const checked = lines.map(checkEntry);
  return { kinds: checked.map((c) => c.kind), details: checked.map((c) => JSON.stringify(c.details)) };
}

/** One checked line as the (kind, details) values of a raw INSERT. */
export function timelineValues(line: TimelineEntry): Prisma.Sql {
  const { kind, details } = checkEntry(line);
  return Prisma.sql`${kind}, ${JSON.stringify(details)}::jsonb`;
}
