/**
 * Spreading a team's files evenly by amount still owed, moving as few files as it can. Pure.
 *
 * Repeatedly the most loaded agent gives one file to the least loaded: the file whose amount is closest to
 * what would bring one of the two to the team average, among those smaller than the gap between them
 * (so every move makes the team strictly more even). A file moves at most once; the plan stops when the
 * gap is within the tolerance (2 % of the average load) or no file can narrow it.
 */

export interface BalanceFile {
  id: string;
  agentId: string;
  amountCents: number;
}

export interface Move {
  fileId: string;
  from: string;
  to: string;
  amountCents: number;
}

export interface Load {
  agentId: string;
  files: number;
  amountCents: number;
}

export interface BalancePlan {
  moves: Move[];
  before: Load[];
  after: Load[];
}

export const TOLERANCE_SHARE = 0.02;

function loads(agentIds: readonly string[], files: readonly BalanceFile[]): Load[] {
  const by = new Map(agentIds.map((id) => [id, { agentId: id, files: 0, amountCents: 0 }]));
  for (const f of files) {
    const load = by.get(f.agentId);
    if (!load) continue;
    load.files += 1;
    load.amountCents += f.amountCents;
  }
  return [...by.values()];
}

/** Index of the file whose amount is closest to `target` among those strictly below `limit` (sorted asc). */
function closestBelow(sorted: readonly BalanceFile[], target: number, limit: number): number {
  let lo = 0;
  let hi = sorted.length; // first index with amount >= limit
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.amountCents < limit) lo = mid + 1;
    else hi = mid;
  }
  const end = lo;
  if (end === 0) return -1;
  // First index with amount >= target, within [0, end).
  lo = 0;
  hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.amountCents < target) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [lo - 1, lo].filter((i) => i >= 0 && i < end && sorted[i]!.amountCents > 0);
  if (candidates.length === 0) return -1;
  return candidates.reduce((best, i) =>
    Math.abs(sorted[i]!.amountCents - target) < Math.abs(sorted[best]!.amountCents - target) ? i : best,
  );
}

export function planRebalance(agentIds: readonly string[], files: readonly BalanceFile[]): BalancePlan {
  const agents = [...new Set(agentIds)].sort();
  const selected = new Set(agents);
  const mine = files.filter((f) => selected.has(f.agentId));
  const before = loads(agents, mine);
  if (agents.length < 2) return { moves: [], before, after: before };

  const load = new Map(before.map((l) => [l.agentId, l.amountCents]));
  const pool = new Map(agents.map((a) => [a, [] as BalanceFile[]]));
  for (const f of mine) pool.get(f.agentId)!.push(f);
  // Ties broken by id, so the same data always gives the same plan (preview and apply agree).
  for (const list of pool.values()) list.sort((a, b) => a.amountCents - b.amountCents || (a.id < b.id ? -1 : 1));

  const total = before.reduce((s, l) => s + l.amountCents, 0);
  const average = total / agents.length;
  const tolerance = Math.max(1, average * TOLERANCE_SHARE);
  const moves: Move[] = [];

  for (let guard = 0; guard <= mine.length; guard++) {
    const order = [...agents].sort((a, b) => load.get(b)! - load.get(a)! || (a < b ? -1 : 1));
    let moved = false;
    // The most loaded agent gives first, to the least loaded; another pair only if that one cannot move.
    for (let d = 0; d < order.length && !moved; d++) {
      const donor = order[d]!;
      for (let r = order.length - 1; r > d && !moved; r--) {
        const receiver = order[r]!;
        const gap = load.get(donor)! - load.get(receiver)!;
        if (gap <= tolerance) break;
        const target = Math.min(load.get(donor)! - average, average - load.get(receiver)!);
        const list = pool.get(donor)!;
        const i = closestBelow(list, Math.max(1, target), gap);
        if (i < 0) continue;
        const [file] = list.splice(i, 1);
        load.set(donor, load.get(donor)! - file!.amountCents);
        load.set(receiver, load.get(receiver)! + file!.amountCents);
        moves.push({ fileId: file!.id, from: donor, to: receiver, amountCents: file!.amountCents });
        moved = true;
      }
      // Only the top donor's gaps can exceed the tolerance once the top pair is within it.
      if (!moved && load.get(donor)! - load.get(order[order.length - 1]!)! <= tolerance) break;
    }
    if (!moved) break;
  }

  const destination = new Map(moves.map((m) => [m.fileId, m.to]));
  const after = loads(
    agents,
    mine.map((f) => ({ ...f, agentId: destination.get(f.id) ?? f.agentId })),
  );
  return { moves, before, after };
}
