import { notFound } from 'next/navigation';
import { currentIp } from '@/lib/net/client-ip';
import { getFile } from '@/lib/cases/queries';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/tenancy/actor';
import { FileView } from './file-view';

/** Loads a file for the page; a malformed id or another agency's or creditor's file is a plain 404. */
export async function FilePage({ actor, id, backHref }: { actor: Actor; id: string; backHref: string }) {
  const ip = await currentIp();
  const file = await getFile({ actor, id, ip }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
    throw error;
  });
  return <FileView file={file} backHref={backHref} />;
}
