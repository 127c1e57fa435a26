import { notFound, redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { can } from '@/lib/tenancy/permissions';
import { nextFileId } from '@/lib/workqueue/queries';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * "Next file" as an address: /queue/next opens the top of the actor's queue, /queue/next?after=<file id> the
 * file after that one (the file page links here once an outcome is logged). Back to the queue when empty.
 */
export default async function NextFilePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home') || !can(actor, 'queue.read')) notFound();
  const { after } = await searchParams;
  let id: string | null;
  try {
    id = await nextFileId(actor, typeof after === 'string' && after !== '' ? after : undefined);
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID') redirect('/queue');
    throw error;
  }
  redirect(id ? `/files/${id}` : '/queue?empty=1');
}
