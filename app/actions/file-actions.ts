'use server';

import { revalidatePath } from 'next/cache';
import { currentIp } from '@/lib/net/client-ip';
import { cancelPromise } from '@/lib/activity/cancel-promise';
import { completeTask } from '@/lib/activity/complete-task';
import { logContact, type LogContactResult } from '@/lib/activity/log-contact';
import { resolveDispute, type ResolveDisputeResult } from '@/lib/activity/resolve-dispute';
import { formToInput } from '@/lib/activity/schemas';
import { requireActor } from '@/lib/auth/session';
import { addContactPoint } from '@/lib/cases/add-contact-point';
import { correctClaim, type CorrectClaimResult } from '@/lib/activity/correct-claim';
import { noteLimitationEvent } from '@/lib/cases/note-limitation-event';
import { setLimitationBasis, type SetLimitationBasisResult } from '@/lib/cases/set-limitation-basis';
import { recordCompanyEvent, type RecordCompanyEventResult } from '@/lib/cases/record-company-event';
import { setContactStatus } from '@/lib/cases/set-contact-status';
import { decideClaimDeclaration } from '@/lib/insolvency/decide-claim-declaration';
import { fileClaimDeclaration } from '@/lib/insolvency/file-claim-declaration';
import { fileLinkedDeclaration } from '@/lib/insolvency/file-linked-declaration';
import { recordDividend } from '@/lib/insolvency/record-dividend';
import { updateFileInfo } from '@/lib/cases/update-file-info';
import type { FileStatus } from '@/lib/db/generated/enums';
import type { Actor } from '@/lib/tenancy/actor';
import { toActionResult, type ActionResult } from './action-result';

// Thin edges (ARCHITECTURE.md rule 1): resolve the actor, hand the input to one use-case, map the answer.
// Each action takes a plain object (from a client component) or the FormData of a form post, whose dotted
// names nest ("outcome.type"); both go through the same zod schema in the use-case.

type Input = FormData | Record<string, unknown>;

async function run<T extends { fileId: string }>(
  input: Input,
  work: (args: { actor: Actor; input: unknown; ip?: string }) => Promise<T>,
  revalidate: (result: T) => void = (result) => revalidatePath(`/files/${result.fileId}`),
): Promise<ActionResult<T>> {
  // Outside the try: an expired session redirects to the sign-in page rather than answering an error.
  const actor = await requireActor();
  const ip = await currentIp();
  const answer = await toActionResult(() =>
    work({ actor, input: input instanceof FormData ? formToInput(input) : input, ip }),
  );
  if (answer.ok) revalidate(answer.data);
  return answer;
}

export async function logContactAction(input: Input): Promise<ActionResult<LogContactResult>> {
  return run(input, logContact);
}

export async function updateFileInfoAction(input: Input) {
  return run(input, updateFileInfo);
}

export async function recordCompanyEventAction(input: Input): Promise<ActionResult<RecordCompanyEventResult>> {
  // The event lands on every open file of the debtor.
  return run(input, recordCompanyEvent, () => revalidatePath('/files/[id]', 'page'));
}

export async function addContactPointAction(input: Input) {
  return run(input, addContactPoint);
}

export async function setContactStatusAction(input: Input) {
  return run(input, setContactStatus);
}

export async function resolveDisputeAction(input: Input): Promise<ActionResult<ResolveDisputeResult>> {
  return run(input, resolveDispute);
}

export async function completeTaskAction(input: Input) {
  return run(input, completeTask);
}

export async function cancelPromiseAction(
  input: Input,
): Promise<ActionResult<{ fileId: string; version: number; status: FileStatus }>> {
  return run(input, cancelPromise);
}

export async function correctClaimAction(input: Input): Promise<ActionResult<CorrectClaimResult>> {
  return run(input, correctClaim);
}

export async function setLimitationBasisAction(input: Input): Promise<ActionResult<SetLimitationBasisResult>> {
  return run(input, setLimitationBasis);
}

export async function noteLimitationEventAction(
  input: Input,
): Promise<ActionResult<{ fileId: string; version: number }>> {
  return run(input, noteLimitationEvent);
}

export async function fileClaimDeclarationAction(input: Input) {
  return run(input, fileClaimDeclaration);
}

export async function fileLinkedDeclarationAction(input: Input) {
  return run(input, fileLinkedDeclaration);
}

export async function decideClaimDeclarationAction(input: Input) {
  return run(input, decideClaimDeclaration);
}

export async function recordDividendAction(input: Input) {
  return run(input, recordDividend);
}
