import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect('/signin');
  if (!can(actor, 'agency.home')) redirect('/portal');
  // Agents open the day on their work queue; managers and admins on the files.
  redirect(actor.role === 'AGENT' ? '/queue' : '/files');
}
