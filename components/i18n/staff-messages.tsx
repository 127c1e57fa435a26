import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { withoutServerOnly } from '@/lib/i18n/client-messages';

/** The catalogue for staff and creditor pages' client components, without what only the server reads. */
export async function StaffMessages({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={withoutServerOnly(await getMessages())}>{children}</NextIntlClientProvider>;
}
