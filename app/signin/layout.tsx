import type { ReactNode } from 'react';
import { StaffMessages } from '@/components/i18n/staff-messages';

/** The sign-in, forgotten-password and reset pages: their forms read the staff catalogue (lib/i18n/client-messages). */
export default function SignInLayout({ children }: { children: ReactNode }) {
  return <StaffMessages>{children}</StaffMessages>;
}
