/**
 * Reads for the scenario design screens: the list with versions and running files, and one version in full
 * with the agency's calendar for the preview. (The engine's own reads — print runs, captured mail — are in
 * ./queries.)
 */
import { contactWindowSchema, DEFAULT_CONTACT_WINDOW, type ContactWindowConfig } from '../compliance/contact-window';
import { dayIn } from '../dates/days';
import { inTenant, type Tx } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { versionQuerySchema } from './schemas';
import type { AssignmentRules, ScenarioStepInput, StepChannel } from '../scenarios/schemas';

export interface VersionSummary {
  id: string;
  version: number;
  /** ISO instant; null for the draft. */
  publishedAt: string | null;
  revision: number;
  priority: number;
  stepCount: number;
  /** Every channel the steps use, once each, in the order they first appear. */
  channels: StepChannel[];
  rules: AssignmentRules;
  /** Files whose scenario runs this version and has not finished (running or paused). */
  runningFiles: number;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  description: string | null;
  archivedAt: string | null;
  /** The latest published version: the one new files get (unless the scenario is archived). */
  current: VersionSummary | null;
  /** The version being prepared, if any (always the latest). */
  draft: VersionSummary | null;
  /** Newest first. */
  versions: VersionSummary[];
  runningFiles: number;
}

export interface VersionDetail extends VersionSummary {
  /** As stored: a draft written by the designer is valid, but the editor does not rely on it. */
  steps: ScenarioStepInput[];
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioDetail {
  scenario: { id: string; name: string; description: string | null; archivedAt: string | null };
  versions: VersionSummary[];
  /** The version asked for, else the latest (the draft when there is one). */
  version: VersionDetail;
  /** Whether `version` is the one the editor may save on (the latest, scenario not archived). */
  editable: boolean;
  /** The agency's contact window and holidays, for the preview; and today in its time zone. */
  calendar: ContactWindowConfig;
  today: string;
}

type VersionRow = {
  id: string;
  version: number;
  publishedAt: Date | null;
  revision: number;
  priority: number;
  steps: unknown;
  rules: unknown;
};

const asSteps = (steps: unknown): ScenarioStepInput[] => (Array.isArray(steps) ? (steps as ScenarioStepInput[]) : []);
const asRules = (rules: unknown): AssignmentRules =>
  typeof rules === 'object' && rules !== null && !Array.isArray(rules) ? (rules as AssignmentRules) : {};

function summarise(row: VersionRow, running: ReadonlyMap<string, number>): VersionSummary {
  const steps = asSteps(row.steps);
  const channels = [...new Set(steps.flatMap((s) => (Array.isArray(s?.channels) ? s.channels : [])))];
  return {
    id: row.id,
    version: row.version,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    revision: row.revision,
    priority: row.priority,
    stepCount: steps.length,
    channels,
    rules: asRules(row.rules),
    runningFiles: running.get(row.id) ?? 0,
  };
}

/** Running and paused files per version of the agency (a few hundred versions at most: one grouped scan). */
async function runningPerVersion(tx: Tx, tenantId: string, versionIds?: string[]): Promise<Map<string, number>> {
  const groups = await tx.fileScenario.groupBy({
    by: ['scenarioVersionId'],
    where: {
      tenantId,
      state: { in: ['RUNNING', 'PAUSED'] },
      ...(versionIds ? { scenarioVersionId: { in: versionIds } } : {}),
    },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.scenarioVersionId, g._count._all]));
}

const versionSelect = {
  id: true,
  version: true,
  publishedAt: true,
  revision: true,
  priority: true,
  steps: true,
  rules: true,
} as const;

/** The agency's scenarios, live ones first then archived, each with its versions and running files. */
export async function listScenarios({ actor }: { actor: Actor }): Promise<ScenarioSummary[]> {
  authorize(actor, 'scenarios.read');
  return inTenant(scopeOf(actor), async (tx) => {
    const [scenarios, running] = await Promise.all([
      tx.scenario.findMany({
        where: { tenantId: actor.tenantId },
        include: {
          versions: { where: { tenantId: actor.tenantId }, select: versionSelect, orderBy: { version: 'desc' } },
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
      runningPerVersion(tx, actor.tenantId),
    ]);
    const list = scenarios.map((s): ScenarioSummary => {
      const versions = s.versions.map((v) => summarise(v, running));
      return {
        id: s.id,
        name: s.name,
        description: s.description,
        archivedAt: s.archivedAt?.toISOString() ?? null,
        current: versions.find((v) => v.publishedAt !== null) ?? null,
        draft: versions[0] && versions[0].publishedAt === null ? versions[0] : null,
        versions,
        runningFiles: versions.reduce((n, v) => n + v.runningFiles, 0),
      };
    });
    return [...list.filter((s) => !s.archivedAt), ...list.filter((s) => s.archivedAt)];
  });
}

/** The agency's contact window as the engine reads it (lib/scenarios/step-facts.ts): stored settings over defaults. */
function calendarOf(agency: { timeZone: string; contactWindow: unknown }): ContactWindowConfig {
  const fallback = { ...DEFAULT_CONTACT_WINDOW, timeZone: agency.timeZone };
  if (!agency.contactWindow || typeof agency.contactWindow !== 'object') return fallback;
  const parsed = contactWindowSchema.safeParse({ timeZone: agency.timeZone, ...agency.contactWindow });
  return parsed.success ? parsed.data : fallback;
}

/** One scenario with all its versions and one version in full, for the editor and the read-only view. */
export async function getScenarioVersion({
  actor,
  scenarioId,
  version,
  now = new Date(),
}: {
  actor: Actor;
  scenarioId: unknown;
  /** A version number; absent = the latest. */
  version?: unknown;
  now?: Date;
}): Promise<ScenarioDetail> {
  authorize(actor, 'scenarios.read');
  const ref = parseInput(versionQuerySchema, { scenarioId, version: version === '' ? undefined : version });
  return inTenant(scopeOf(actor), async (tx) => {
    const scenario = await tx.scenario.findFirst({
      where: { tenantId: actor.tenantId, id: ref.scenarioId },
      include: {
        versions: {
          where: { tenantId: actor.tenantId },
          select: { ...versionSelect, createdAt: true, updatedAt: true },
          orderBy: { version: 'desc' },
        },
      },
    });
    if (!scenario || scenario.versions.length === 0) throw AppError.notFound();
    const row = ref.version ? scenario.versions.find((v) => v.version === ref.version) : scenario.versions[0];
    if (!row) throw AppError.notFound();
    const [running, agency] = await Promise.all([
      runningPerVersion(
        tx,
        actor.tenantId,
        scenario.versions.map((v) => v.id),
      ),
      tx.agency.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { timeZone: true, contactWindow: true } }),
    ]);
    const calendar = calendarOf(agency);
    return {
      scenario: {
        id: scenario.id,
        name: scenario.name,
        description: scenario.description,
        archivedAt: scenario.archivedAt?.toISOString() ?? null,
      },
      versions: scenario.versions.map((v) => summarise(v, running)),
      version: {
        ...summarise(row, running),
        steps: asSteps(row.steps),
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      },
      editable: !scenario.archivedAt && row.id === scenario.versions[0]!.id,
      calendar,
      today: dayIn(calendar.timeZone, now),
    };
  });
}
