'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: '/signin' })}
      className="rounded border border-white/30 px-3 py-1 text-sm text-white hover:bg-white/10"
    >
      {label}
    </button>
  );
}
