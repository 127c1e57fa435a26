import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect('/signin');
  redirect(can(actor, 'agency.home') ? '/files' : '/portal');
}
