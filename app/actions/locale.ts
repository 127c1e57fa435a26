'use server';

import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/locales';

export async function setLocale(formData: FormData): Promise<void> {
  const locale = toLocale(String(formData.get('locale') ?? ''));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
  revalidatePath('/', 'layout');
}
