import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { requireActor } from '@/lib/auth/session';

/** Every signed-in person's own account, staff and creditors' users alike. */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <AppHeader actor={actor} />
      {children}
    </>
  );
}
