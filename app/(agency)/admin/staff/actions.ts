'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { changeMemberRole, setMemberActive } from '@/lib/accounts/change-member';
import { endMemberSessions } from '@/lib/accounts/end-sessions';
import { resetMemberSecondFactor, setAgentSecondFactorPolicy } from '@/lib/accounts/manage-second-factor';
import { requireActor } from '@/lib/auth/session';
import { currentIp } from '@/lib/net/client-ip';
import { refusalKey } from '@/app/actions/refusal-key';

// Thin edges: the actor, one use-case of lib/accounts, the answer in the URL (`done` or `error`, a catalogue key).

async function answer(work: () => Promise<unknown>, done: string): Promise<never> {
  let outcome: Record<string, string> = { done };
  try {
    await work();
  } catch (error) {
    outcome = { error: refusalKey(error, 'accounts.errors.', 'member') };
  }
  revalidatePath('/admin/staff');
  redirect(`/admin/staff?${new URLSearchParams(outcome).toString()}`);
}

/** "Sign out everywhere" for one person of the agency. */
export async function endSessionsAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await answer(
    () => endMemberSessions({ actor, ip, input: { membershipId: formData.get('membershipId') } }),
    'sessionsEnded',
  );
}

/** A person's second factor cleared (a lost phone): they set up a new one at their next sign-in. */
export async function resetSecondFactorAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await answer(
    () => resetMemberSecondFactor({ actor, ip, input: { membershipId: formData.get('membershipId') } }),
    'secondFactorReset',
  );
}

/** Whether the agency's agents need a second factor. */
export async function setAgentPolicyAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await answer(
    () => setAgentSecondFactorPolicy({ actor, ip, input: { required: formData.get('required') } }),
    'policySaved',
  );
}

/** A member's role (and creditor, for a creditor's user). */
export async function changeRoleAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  await answer(
    () =>
      changeMemberRole({
        actor,
        ip,
        input: {
          membershipId: formData.get('membershipId'),
          role: formData.get('role'),
          creditorId: formData.get('creditorId'),
        },
      }),
    'roleChanged',
  );
}

/** Deactivating (sessions end at once) or reactivating a member. */
export async function setActiveAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  const ip = await currentIp();
  const active = formData.get('active');
  await answer(
    () => setMemberActive({ actor, ip, input: { membershipId: formData.get('membershipId'), active } }),
    active === 'true' ? 'reactivated' : 'deactivated',
  );
}
