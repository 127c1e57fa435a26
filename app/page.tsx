import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function Home() {
  // No session: the sign-in page; a session waiting on a required second factor: its enrolment page.
  const actor = await requireActor();
  if (!can(actor, 'agency.home')) redirect('/portal');
  // Agents open the day on their work queue; managers and admins on the files.
  redirect(actor.role === 'AGENT' ? '/queue' : '/files');
}
