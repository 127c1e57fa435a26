'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { decideClosing, type DecideClosingResult } from '@/lib/closing/decide-closing';
import { previewBulkClosing } from '@/lib/closing/preview-bulk-closing';
import type { BulkSelection } from '@/lib/closing/bulk-selection';
import { reopenFile, type ReopenFileResult } from '@/lib/closing/reopen-file';
import { setClosingThreshold } from '@/lib/closing/set-closing-threshold';
import { startBulkClosing } from '@/lib/closing/start-bulk-closing';
import { currentIp } from '@/lib/net/client-ip';
import { toActionResult, type ActionResult } from './action-result';

// Thin edges (ARCHITECTURE.md rule 1): resolve the actor, hand the plain input to one use-case of lib/closing, map
// the answer. Closing a file itself takes an upload: it posts to app/api/files/[id]/closing.

type Input = Record<string, unknown>;

async function run<T>(work: (actor: Awaited<ReturnType<typeof requireActor>>, ip?: string) => Promise<T>) {
  const actor = await requireActor();
  const ip = await currentIp();
  return toActionResult(() => work(actor, ip));
}

export async function decideClosingAction(input: Input): Promise<ActionResult<DecideClosingResult>> {
  const answer = await run((actor, ip) => decideClosing({ actor, input, ip }));
  if (answer.ok) {
    revalidatePath(`/files/${answer.data.fileId}`);
    revalidatePath('/closings');
  }
  return answer;
}

export async function reopenFileAction(input: Input): Promise<ActionResult<ReopenFileResult>> {
  const answer = await run((actor, ip) => reopenFile({ actor, input, ip }));
  if (answer.ok) revalidatePath(`/files/${answer.data.fileId}`);
  return answer;
}

export async function setClosingThresholdAction(input: Input): Promise<ActionResult<{ thresholdCents: number }>> {
  const answer = await run((actor, ip) => setClosingThreshold({ actor, input, ip }));
  if (answer.ok) revalidatePath('/closings');
  return answer;
}

export async function previewBulkClosingAction(input: Input): Promise<ActionResult<BulkSelection>> {
  return run((actor) => previewBulkClosing({ actor, input }));
}

export async function startBulkClosingAction(
  input: Input,
): Promise<ActionResult<{ batchId: string; total: number; queued: boolean }>> {
  const answer = await run((actor, ip) => startBulkClosing({ actor, input, ip }));
  if (answer.ok) revalidatePath('/closings');
  return answer;
}
