'use server';

import { revalidatePath } from 'next/cache';
import { currentIp } from '@/lib/net/client-ip';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ScenarioActionState } from '@/components/scenarios/form-state';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { readerError } from '@/lib/errors/reader';
import { archiveScenario } from '@/lib/scenario-design/archive-scenario';
import { createScenario } from '@/lib/scenario-design/create-scenario';
import { publishVersion } from '@/lib/scenario-design/publish-version';
import { saveDraftVersion } from '@/lib/scenario-design/save-draft-version';

/** A refusal in the reader's language; errors that are not the user's propagate. */
async function refusal(error: unknown, prev: ScenarioActionState): Promise<ScenarioActionState> {
  if (!(error instanceof AppError) || !['INVALID', 'CONFLICT', 'NOT_FOUND'].includes(error.code)) throw error;
  const t = await getTranslations('scenarios');
  const shown = await readerError(error);
  let message = t('form.invalid');
  if (error.code === 'NOT_FOUND') message = t('form.notFound');
  else if (error.code === 'CONFLICT') message = shown.message;
  return { status: 'error', seq: prev.seq + 1, message, fields: shown.fields ?? {} };
}

function parsePayload(formData: FormData): unknown {
  const raw = formData.get('payload');
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export async function createScenarioAction(
  prev: ScenarioActionState,
  formData: FormData,
): Promise<ScenarioActionState> {
  const actor = await requireActor();
  let id: string;
  try {
    ({ id } = await createScenario({
      actor,
      input: { name: formData.get('name') ?? undefined, description: formData.get('description') ?? undefined },
      ip: await currentIp(),
    }));
  } catch (error) {
    return refusal(error, prev);
  }
  revalidatePath('/scenarios');
  redirect(`/scenarios/${id}?saved=created`);
}

export async function saveDraftAction(prev: ScenarioActionState, formData: FormData): Promise<ScenarioActionState> {
  const actor = await requireActor();
  const scenarioId = formData.get('scenarioId');
  let saved: { version: number };
  try {
    saved = await saveDraftVersion({
      actor,
      scenarioId,
      versionId: formData.get('versionId'),
      revision: Number(formData.get('revision')),
      input: parsePayload(formData),
      ip: await currentIp(),
    });
  } catch (error) {
    return refusal(error, prev);
  }
  revalidatePath('/scenarios');
  redirect(`/scenarios/${String(scenarioId)}?version=${saved.version}&saved=draft`);
}

export async function publishVersionAction(
  prev: ScenarioActionState,
  formData: FormData,
): Promise<ScenarioActionState> {
  const actor = await requireActor();
  let published: { scenarioId: string; version: number };
  try {
    published = await publishVersion({
      actor,
      versionId: formData.get('versionId'),
      revision: Number(formData.get('revision')),
      ip: await currentIp(),
    });
  } catch (error) {
    return refusal(error, prev);
  }
  revalidatePath('/scenarios');
  redirect(`/scenarios/${published.scenarioId}?version=${published.version}&saved=published`);
}

export async function archiveScenarioAction(
  prev: ScenarioActionState,
  formData: FormData,
): Promise<ScenarioActionState> {
  const actor = await requireActor();
  let archived: { id: string };
  try {
    archived = await archiveScenario({ actor, scenarioId: formData.get('scenarioId'), ip: await currentIp() });
  } catch (error) {
    return refusal(error, prev);
  }
  revalidatePath('/scenarios');
  redirect(`/scenarios?archived=${archived.id}`);
}
