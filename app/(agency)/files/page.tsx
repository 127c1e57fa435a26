import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FilesPage } from '@/components/files/files-page';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AgencyFilesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home')) notFound();
  const t = await getTranslations('files');
  return <FilesPage actor={actor} searchParams={await searchParams} basePath="/files" title={t('title')} />;
}
