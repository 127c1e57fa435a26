import { moveFiles } from '../cases/file-store';
import { timelineInsert } from '../history/record';
import { agencyWindow } from '../compliance/agency-window';
import type { Tx } from '../db/tenant';
import { assignmentRulesSchema, stepsSchema, type ScenarioStep } from './schemas';
import { chooseScenario, stepDueAt, type PlacementFacts, type ScenarioCandidate } from './rules';

/**
 * Puts files on the scenario their assignment rules choose, set-based: one read of the candidates, one read of
 * the files, one insert per chunk. Files that already have a scenario row are left alone, so calling it twice
 * (an import retried, the seed run again) starts nothing twice. A new file enters the amicable phase.
 * Runs inside the caller's tenant transaction.
 */

export interface StartOptions {
  now: Date;
  actorId?: string | null;
  /** Force this published version instead of the rules' choice. */
  versionId?: string;
  /** Restart files whose scenario is DONE or STOPPED (a manager's explicit action), as a new run. */
  restart?: boolean;
}

export interface StartReport {
  started: number;
  /** Files no scenario's rules take. */
  unmatched: string[];
  byVersion: Record<string, number>;
}

interface CandidateRow {
  id: string;
  scenario_id: string;
  name: string;
  version: number;
  priority: number;
  rules: unknown;
  steps: unknown;
}

interface FileRow {
  id: string;
  due: bigint;
  debtor_kind: 'PERSON' | 'COMPANY';
  nature: 'B2B' | 'CONSUMER' | 'CIVIL';
  creditor_id: string;
  solvency: string | null;
  locale: string;
  placed_at: Date;
  status: string;
  run: number | null;
}

const CHUNK = 10_000;

export async function startScenarios(
  tx: Tx,
  tenantId: string,
  fileIds: readonly string[],
  options: StartOptions,
): Promise<StartReport> {
  const report: StartReport = { started: 0, unmatched: [], byVersion: {} };
  if (fileIds.length === 0) return report;
  // The latest published version of every scenario still in use.
  const rows = await tx.$queryRaw<CandidateRow[]>`
    SELECT DISTINCT ON (v.scenario_id) v.id, v.scenario_id, s.name, v.version, v.priority, v.rules, v.steps
      FROM scenario_version v
      JOIN scenario s ON s.tenant_id = v.tenant_id AND s.id = v.scenario_id
     WHERE v.tenant_id = ${tenantId}::uuid AND v.published_at IS NOT NULL
       AND (s.archived_at IS NULL OR v.id = ${options.versionId ?? null}::uuid)
     ORDER BY v.scenario_id, v.version DESC`;
  let forced: CandidateRow | undefined;
  if (options.versionId) {
    forced = rows.find((r) => r.id === options.versionId);
    if (!forced) {
      const [row] = await tx.$queryRaw<CandidateRow[]>`
        SELECT v.id, v.scenario_id, s.name, v.version, v.priority, v.rules, v.steps
          FROM scenario_version v JOIN scenario s ON s.tenant_id = v.tenant_id AND s.id = v.scenario_id
         WHERE v.tenant_id = ${tenantId}::uuid AND v.id = ${options.versionId}::uuid AND v.published_at IS NOT NULL`;
      forced = row;
    }
    if (!forced) throw new Error(`scenario version ${options.versionId} is not published`);
  }
  const candidates: (ScenarioCandidate & { name: string; steps: readonly ScenarioStep[] })[] = (
    forced ? [forced] : rows
  ).flatMap((r) => {
    const rules = assignmentRulesSchema.safeParse(r.rules);
    const steps = stepsSchema.safeParse(r.steps);
    if (!rules.success || !steps.success) return [];
    return [
      {
        versionId: r.id,
        scenarioId: r.scenario_id,
        version: r.version,
        priority: r.priority,
        rules: forced ? {} : rules.data,
        name: r.name,
        steps: steps.data,
      },
    ];
  });
  const window = await agencyWindow(tx, tenantId);
  const ids = [...new Set(fileIds)];

  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const files = await tx.$queryRaw<FileRow[]>`
      SELECT f.id, greatest(f.principal_cents - f.collected_cents, 0) AS due, d.kind AS debtor_kind, f.nature,
             f.creditor_id, fi.solvency, d.locale, f.placed_at, f.status::text AS status, fs.run
        FROM case_file f
        JOIN debtor d ON d.tenant_id = f.tenant_id AND d.id = f.debtor_id
        LEFT JOIN file_info fi ON fi.tenant_id = f.tenant_id AND fi.file_id = f.id
        LEFT JOIN file_scenario fs ON fs.tenant_id = f.tenant_id AND fs.file_id = f.id
       WHERE f.tenant_id = ${tenantId}::uuid AND f.id = ANY(${chunk}::uuid[])
         AND f.phase IN ('INTAKE', 'AMICABLE')
         AND (fs.file_id IS NULL OR (${options.restart ?? false} AND fs.state IN ('DONE', 'STOPPED')))
       ORDER BY f.id
         FOR UPDATE OF f`;
    const chosen: { fileId: string; versionId: string; run: number; nextRunAt: Date; name: string }[] = [];
    for (const f of files) {
      const facts: PlacementFacts = {
        dueCents: Number(f.due),
        debtorKind: f.debtor_kind,
        nature: f.nature,
        creditorId: f.creditor_id,
        solvency: (f.solvency ?? 'UNKNOWN') as PlacementFacts['solvency'],
        locale: f.locale === 'en' ? 'en' : 'fr',
      };
      const pick = chooseScenario(candidates, facts);
      if (!pick) {
        report.unmatched.push(f.id);
        continue;
      }
      const candidate = candidates.find((c) => c.versionId === pick.versionId)!;
      chosen.push({
        fileId: f.id,
        versionId: pick.versionId,
        run: (f.run ?? 0) + 1,
        nextRunAt: stepDueAt(candidate.steps[0]!, { window, placedAt: f.placed_at, previousAt: options.now }),
        name: candidate.name,
      });
      report.byVersion[pick.versionId] = (report.byVersion[pick.versionId] ?? 0) + 1;
    }
    if (chosen.length === 0) continue;
    await tx.$executeRaw`
      INSERT INTO file_scenario (tenant_id, file_id, scenario_version_id, run, next_step, next_run_at, state,
                                 started_at, updated_at)
      SELECT ${tenantId}::uuid, c.file_id, c.version_id, c.run, 0, c.next_run_at, 'RUNNING', ${options.now}, ${options.now}
        FROM unnest(${chosen.map((c) => c.fileId)}::uuid[], ${chosen.map((c) => c.versionId)}::uuid[],
                    ${chosen.map((c) => c.run)}::int[], ${chosen.map((c) => c.nextRunAt)}::timestamptz[])
             AS c(file_id, version_id, run, next_run_at)
      ON CONFLICT (tenant_id, file_id) DO UPDATE
         SET scenario_version_id = excluded.scenario_version_id, run = excluded.run, next_step = 0,
             next_run_at = excluded.next_run_at, state = 'RUNNING', state_reason = NULL, enqueued_at = NULL,
             failures = 0, last_step_at = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at`;
    // Placing a file on a scenario starts its amicable phase: a new file moves to IN_PROGRESS, others stay.
    await moveFiles(
      tx,
      tenantId,
      chosen.map((c) => c.fileId),
      'IN_PROGRESS',
      { from: ['NEW'], now: options.now },
    );
    await tx.$queryRaw(
      timelineInsert(
        tenantId,
        chosen.map((c) => ({
          fileId: c.fileId,
          line: {
            kind: 'scenario.started' as const,
            details: {
              scenarioVersionId: c.versionId,
              scenarioName: c.name,
              run: c.run,
              firstRunAt: c.nextRunAt.toISOString(),
            },
          },
        })),
        { actorId: options.actorId ?? null, at: options.now },
      ),
    );
    report.started += chosen.length;
  }
  return report;
}
