import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { StaffMessages } from '@/components/i18n/staff-messages';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  if (!can(actor, 'portal.home')) notFound();
  return (
    <StaffMessages>
      <AppHeader actor={actor} />
      {children}
    </StaffMessages>
  );
}
