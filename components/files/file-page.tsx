import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { currentIp } from '@/lib/net/client-ip';
import { getFile, type FileDetail } from '@/lib/cases/queries';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/tenancy/actor';
import { FileView } from './file-view';

/** Loads a file for the page; a malformed id or another agency's or creditor's file is a plain 404. */
export async function FilePage({
  actor,
  id,
  backHref,
  after,
}: {
  actor: Actor;
  id: string;
  backHref: string;
  /** What the page shows under the file, given the file read (the portal's closing section). */
  after?: (file: FileDetail) => ReactNode;
}) {
  const ip = await currentIp();
  const file = await getFile({ actor, id, ip }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'INVALID')) notFound();
    throw error;
  });
  return (
    <>
      <FileView file={file} backHref={backHref} />
      {after && <div className="mx-auto max-w-7xl px-6 pb-8">{after(file)}</div>}
    </>
  );
}
