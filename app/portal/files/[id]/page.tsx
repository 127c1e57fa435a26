import { notFound } from 'next/navigation';
import { FilePage } from '@/components/files/file-page';
import { ClosingSection } from '@/components/workspace/closing-section';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function PortalFilePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, 'portal.home')) notFound();
  const { id } = await params;
  // The creditor reads its file's closing (the report, the certificate) under the file.
  return (
    <FilePage
      actor={actor}
      id={id}
      backHref="/portal"
      after={(file) => (
        <ClosingSection
          actor={actor}
          file={{ id: file.id, status: file.status, b2b: file.claims.some((c) => c.nature === 'B2B') }}
        />
      )}
    />
  );
}
