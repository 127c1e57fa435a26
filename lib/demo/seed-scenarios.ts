import type { PrismaClient } from '../db/generated/client';
import { stepsSchema, type ScenarioStepInput } from '../scenarios/schemas';
import { startScenarios, type StartReport } from '../scenarios/start-scenarios';
import { closeHistoricTasks, historyFiles, playHistory, type PlayReport } from './scenario-history';

// The demo agencies' reminder scenarios, published, with every open file placed on the one its rules choose,
// so the worker's sweep has real work the moment the demo starts. Written with the owner client.

/** A documentation example IBAN: the demo letters need an account for creditors' funds (CPCE R124-2). */
export const DEMO_IBAN = 'FR7630006000011234567890189';

const email = (subject: string, body: string) => ({ EMAIL: { fr: { subject, body } } });
const REMINDER = email(
  'Dossier {{fileReference}} : {{amountDue}} restent à régler',
  'Bonjour {{debtorName}},\n\nSauf erreur de notre part, la somme de {{amountDue}} due à {{creditorName}} reste impayée. ' +
    'Vous pouvez la régler par virement sur le compte {{iban}} en rappelant la référence {{fileReference}}, ' +
    'ou nous appeler pour convenir d’un échéancier.\n\n{{agencyName}}',
);
const SMS = {
  SMS: {
    fr: {
      body: '{{agencyName}} : dossier {{fileReference}}, {{amountDue}} restent dus. Contactez-nous pour régler ou convenir d’un échéancier.',
    },
  },
};
const CALL = {
  CALL_TASK: { fr: { body: 'Appeler {{debtorName}} : {{amountDue}} dus, relances écrites restées sans réponse.' } },
};

const SCENARIOS: { name: string; description: string; priority: number; rules: object; steps: ScenarioStepInput[] }[] =
  [
    {
      name: 'Relance renforcée — entreprises',
      description:
        'Créances professionnelles de 1 500 € et plus : mise en demeure puis avertissement avant poursuites.',
      priority: 20,
      rules: { debtorKinds: ['COMPANY'], minDueCents: 150_000 },
      steps: [
        {
          delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
          channels: ['SIMPLE_LETTER', 'EMAIL'],
          templates: REMINDER,
        },
        { delay: { days: 5, kind: 'WORKING', from: 'PREVIOUS_STEP' }, channels: ['CALL_TASK'], templates: CALL },
        { delay: { days: 10, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
        {
          delay: { days: 15, kind: 'CALENDAR', from: 'PREVIOUS_STEP' },
          channels: ['PRE_JUDICIAL_WARNING'],
          deadlineDays: 15,
        },
        { delay: { days: 0, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['ESCALATE'] },
      ],
    },
    {
      name: 'Relance particuliers',
      description: 'Créances de consommation de 1 500 € et plus : courrier, SMS, e-mail, mise en demeure, appel.',
      priority: 10,
      rules: { natures: ['CONSUMER'], minDueCents: 150_000 },
      steps: [
        // The R124-4 letter first; the SMS comes once it is posted (issue 14).
        { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'] },
        { delay: { days: 3, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SMS'], templates: SMS },
        { delay: { days: 7, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['EMAIL'], templates: REMINDER },
        { delay: { days: 15, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['FORMAL_NOTICE'], deadlineDays: 15 },
        { delay: { days: 5, kind: 'WORKING', from: 'PREVIOUS_STEP' }, channels: ['CALL_TASK'], templates: CALL },
      ],
    },
    {
      name: 'Relance standard — petits montants',
      description: 'Moins de 1 500 € : courrier et e-mail, SMS, lettre recommandée, appel.',
      priority: 0,
      rules: { maxDueCents: 150_000 },
      steps: [
        {
          delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
          channels: ['SIMPLE_LETTER', 'EMAIL'],
          templates: REMINDER,
        },
        { delay: { days: 10, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SMS'], templates: SMS },
        {
          delay: { days: 10, kind: 'CALENDAR', from: 'PREVIOUS_STEP' },
          channels: ['REGISTERED_LETTER'],
          deadlineDays: 8,
        },
        { delay: { days: 7, kind: 'WORKING', from: 'PREVIOUS_STEP' }, channels: ['CALL_TASK'], templates: CALL },
      ],
    },
    {
      name: 'Relance générale',
      description: 'Tout dossier qu’aucun autre scénario ne prend.',
      priority: -10,
      rules: {},
      steps: [
        {
          delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
          channels: ['SIMPLE_LETTER', 'EMAIL'],
          templates: REMINDER,
        },
        { delay: { days: 15, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
      ],
    },
  ];

/**
 * The small-amounts scenario as the agency rewrote it: the SMS and a call come sooner, the registered letter
 * last. Files placed after it was published run it; those placed before stay on version 1, so the dashboard
 * compares the two side by side.
 */
const STANDARD_V2: { name: string; steps: ScenarioStepInput[] } = {
  name: 'Relance standard — petits montants',
  steps: [
    {
      delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' },
      channels: ['SIMPLE_LETTER', 'EMAIL'],
      templates: REMINDER,
    },
    { delay: { days: 4, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['SMS'], templates: SMS },
    { delay: { days: 3, kind: 'WORKING', from: 'PREVIOUS_STEP' }, channels: ['CALL_TASK'], templates: CALL },
    { delay: { days: 10, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['REGISTERED_LETTER'], deadlineDays: 8 },
  ],
};

export interface ScenarioHistoryOptions {
  /** Files placed since this day may have a history; version 1 of every scenario was published the day before. */
  from: Date;
  /** The day version 2 of the small-amounts scenario was published. */
  cutover: Date;
  /** One eligible file in `every` gets a history (the seed's time grows with it). */
  every: number;
}

export interface SeedScenariosReport extends StartReport {
  history: PlayReport | null;
}

export async function seedScenarios(
  client: PrismaClient,
  tenantId: string,
  now: Date = new Date(),
  history?: ScenarioHistoryOptions,
): Promise<SeedScenariosReport> {
  await client.agency.updateMany({
    where: { id: tenantId, creditorFundsIban: null },
    data: { creditorFundsIban: DEMO_IBAN },
  });
  const published = history ? new Date(history.from.getTime() - 86_400_000) : now;
  const scenarioIds = new Map<string, string>();
  for (const s of SCENARIOS) {
    const scenario = await client.scenario.create({ data: { tenantId, name: s.name, description: s.description } });
    scenarioIds.set(s.name, scenario.id);
    await client.scenarioVersion.create({
      data: {
        tenantId,
        scenarioId: scenario.id,
        version: 1,
        steps: stepsSchema.parse(s.steps),
        rules: s.rules,
        priority: s.priority,
        publishedAt: published,
        createdAt: published,
        updatedAt: published,
      },
    });
  }
  let played: PlayReport | null = null;
  if (history) {
    const candidates = await historyFiles(client, tenantId, { now, from: history.from, every: history.every });
    const before = await playHistory(
      client,
      tenantId,
      candidates.filter((f) => f.placedAt < history.cutover),
      now,
    );
    const v1 = SCENARIOS.find((s) => s.name === STANDARD_V2.name)!;
    await client.scenarioVersion.create({
      data: {
        tenantId,
        scenarioId: scenarioIds.get(STANDARD_V2.name)!,
        version: 2,
        steps: stepsSchema.parse(STANDARD_V2.steps),
        rules: v1.rules,
        priority: v1.priority,
        publishedAt: history.cutover,
        createdAt: history.cutover,
        updatedAt: history.cutover,
      },
    });
    const after = await playHistory(
      client,
      tenantId,
      candidates.filter((f) => f.placedAt >= history.cutover),
      now,
    );
    await closeHistoricTasks(client, tenantId, now);
    played = { files: before.files + after.files, steps: before.steps + after.steps };
  }
  const files = await client.caseFile.findMany({
    where: { tenantId, phase: { in: ['INTAKE', 'AMICABLE'] } },
    select: { id: true },
  });
  const started = await client.$transaction(
    (tx) =>
      startScenarios(
        tx,
        tenantId,
        files.map((f) => f.id),
        { now },
      ),
    { timeout: 120_000 },
  );
  return { ...started, history: played };
}
