import type { RawTx } from '../db/raw';
import { stepsSchema, type ScenarioStep } from './schemas';

// A published version never changes (a trigger refuses it), so its parsed steps can be kept for the life of
// the process: the engine reads them for every step it runs.
const cache = new Map<string, readonly ScenarioStep[]>();
const MAX_CACHED = 5_000;

export class UnpublishedVersionError extends Error {
  constructor(readonly versionId: string) {
    super(`scenario version ${versionId} is not published (or does not exist)`);
    this.name = 'UnpublishedVersionError';
  }
}

export async function loadVersionSteps(
  tx: RawTx,
  tenantId: string,
  versionId: string,
): Promise<readonly ScenarioStep[]> {
  const cacheKey = `${tenantId}:${versionId}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const [row] = await tx.$queryRaw<{ steps: unknown }[]>`
    SELECT steps FROM scenario_version
     WHERE tenant_id = ${tenantId}::uuid AND id = ${versionId}::uuid AND published_at IS NOT NULL`;
  if (!row) throw new UnpublishedVersionError(versionId);
  const steps = Object.freeze(stepsSchema.parse(row.steps));
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(cacheKey, steps);
  return steps;
}
