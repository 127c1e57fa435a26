'use server';

import { revalidatePath } from 'next/cache';
import { currentIp } from '@/lib/net/client-ip';
import { requireActor } from '@/lib/auth/session';
import { actionError, type ActionError } from './action-result';
import { cancelPlan } from '@/lib/payments/cancel-plan';
import { withdrawPlan } from '@/lib/payments/withdraw-plan';
import { createPlan, type CreatedPlan } from '@/lib/payments/create-plan';
import { decidePlan } from '@/lib/payments/decide-plan';
import { previewPlan, type PlanPreview } from '@/lib/payments/preview-plan';
import { recordPayment, type RecordedPayment } from '@/lib/payments/record-payment';
import { reversePayment, type ReversedPayment } from '@/lib/payments/reverse-payment';

// Thin edges: each action resolves the actor, hands the posted values to one use-case, and turns a
// refusal into messages in the reader's language. Every rule lives in lib/payments.

export interface ActionFailure {
  ok: false;
  error: ActionError;
}
export type ActionResult<T> = ({ ok: true } & T) | ActionFailure;

/** A form post or a plain object (from a client component) → the use-case's input. */
type Posted = FormData | Record<string, unknown>;

function valuesOf(posted: Posted): Record<string, unknown> {
  if (!(posted instanceof FormData)) return { ...posted };
  const values: Record<string, unknown> = {};
  for (const key of new Set(posted.keys())) {
    // Next adds its own $ACTION_* fields to a form post; the schemas are strict, so leave them out.
    if (key.startsWith('$ACTION')) continue;
    const all = posted.getAll(key).filter((v): v is string => typeof v === 'string');
    values[key] = key === 'claimOrder' ? all : all[0];
  }
  return values;
}

/** A refusal in the reader's language, through the one mapper (lib/errors/describe). */
async function refused(error: unknown): Promise<ActionFailure> {
  return { ok: false, error: await actionError(error) };
}

function revalidateFile(fileId: unknown): void {
  if (typeof fileId === 'string') revalidatePath(`/files/${fileId}`);
}

export async function recordPaymentAction(posted: Posted): Promise<ActionResult<RecordedPayment>> {
  const actor = await requireActor();
  const values = valuesOf(posted);
  try {
    const recorded = await recordPayment({ ...values, actor, ip: await currentIp() });
    revalidateFile(values.fileId);
    return { ok: true, ...recorded };
  } catch (error) {
    return refused(error);
  }
}

export async function reversePaymentAction(
  posted: Posted,
): Promise<ActionResult<ReversedPayment & { fileId: string | null }>> {
  const actor = await requireActor();
  const { fileId, ...values } = valuesOf(posted);
  try {
    const reversed = await reversePayment({ ...values, actor, ip: await currentIp() });
    revalidateFile(fileId);
    return { ok: true, ...reversed, fileId: typeof fileId === 'string' ? fileId : null };
  } catch (error) {
    return refused(error);
  }
}

export async function previewPlanAction(posted: Posted): Promise<ActionResult<PlanPreview>> {
  const actor = await requireActor();
  // The preview form carries the lock for the save that follows; the preview itself has no use for it.
  const { expectedVersion: _ignored, ...values } = valuesOf(posted);
  try {
    return { ok: true, ...(await previewPlan({ ...values, actor })) };
  } catch (error) {
    return refused(error);
  }
}

export async function createPlanAction(posted: Posted): Promise<ActionResult<CreatedPlan>> {
  const actor = await requireActor();
  const values = valuesOf(posted);
  try {
    const created = await createPlan({ ...values, actor, ip: await currentIp() });
    revalidateFile(values.fileId);
    return { ok: true, ...created };
  } catch (error) {
    return refused(error);
  }
}

export async function cancelPlanAction(
  posted: Posted,
): Promise<ActionResult<{ planId: string; status: string; fileVersion: number }>> {
  const actor = await requireActor();
  const values = valuesOf(posted);
  try {
    const cancelled = await cancelPlan({ ...values, actor, ip: await currentIp() });
    revalidateFile(values.fileId);
    return { ok: true, ...cancelled };
  } catch (error) {
    return refused(error);
  }
}

export async function withdrawPlanAction(
  posted: Posted,
): Promise<ActionResult<{ planId: string; status: string; fileVersion: number }>> {
  const actor = await requireActor();
  const values = valuesOf(posted);
  try {
    const withdrawn = await withdrawPlan({ ...values, actor, ip: await currentIp() });
    revalidateFile(values.fileId);
    return { ok: true, ...withdrawn };
  } catch (error) {
    return refused(error);
  }
}

export async function decidePlanAction(
  posted: Posted,
): Promise<ActionResult<{ planId: string; planStatus: 'ACTIVE' | 'REFUSED'; status: string }>> {
  const actor = await requireActor();
  const values = valuesOf(posted);
  try {
    const decided = await decidePlan({ ...values, actor, ip: await currentIp() });
    revalidatePath('/portal/plans');
    return { ok: true, ...decided };
  } catch (error) {
    return refused(error);
  }
}
