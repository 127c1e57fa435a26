import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { StaffMessages } from '@/components/i18n/staff-messages';
import { StaleRatesBanner } from '@/components/rates/stale-rates-banner';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/tenancy/permissions';

export default async function AgencyLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  if (!can(actor, 'agency.home')) notFound();
  return (
    <StaffMessages>
      <AppHeader actor={actor} />
      <StaleRatesBanner actor={actor} />
      {children}
    </StaffMessages>
  );
}
