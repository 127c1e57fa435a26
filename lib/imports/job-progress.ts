import { z } from 'zod';
import type { WritingProgress } from './pipeline/import-rows';
import { MERGE_STEPS } from './pipeline/merge';

// What the job reported (ImportProgress, lib/imports/pipeline/import-rows.ts), read back from Redis.
const jobProgress = z.object({
  rows: z.number().int().nonnegative().catch(0),
  writing: z
    .object({ step: z.enum(MERGE_STEPS), index: z.number().int().positive(), of: z.number().int().positive() })
    .optional()
    .catch(undefined),
});

/** An import job's progress as the page shows it; anything else Redis holds reads as nothing done yet. */
export function readJobProgress(progress: unknown): { rows: number; writing: WritingProgress | null } {
  const parsed = jobProgress.safeParse(progress);
  return parsed.success ? { rows: parsed.data.rows, writing: parsed.data.writing ?? null } : { rows: 0, writing: null };
}
