'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

export interface NavEntry {
  href: string;
  label: string;
}

function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * One group of the header's entries behind its name, so the header holds on one line whatever the role.
 * A <details> opens without JavaScript; once hydrated it also closes on a click elsewhere, on Escape and
 * after navigating.
 */
export function NavMenu({ label, entries }: { label: string; entries: NavEntry[] }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    const close = () => ref.current?.removeAttribute('open');
    const onClick = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', onClick);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  useEffect(() => ref.current?.removeAttribute('open'), [pathname]);
  const active = entries.some((e) => isCurrent(pathname, e.href));
  return (
    <details ref={ref} className="group relative">
      <summary
        className={`flex cursor-pointer list-none items-center gap-1 whitespace-nowrap hover:text-white [&::-webkit-details-marker]:hidden ${active ? 'text-white' : ''}`}
      >
        {label}
        <span aria-hidden className="text-xs transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <ul className="absolute top-full left-0 z-30 mt-2 min-w-48 rounded-md bg-brand-900 py-1 shadow-lg ring-1 ring-black/10">
        {entries.map((e) => (
          <li key={e.href}>
            <Link
              href={e.href}
              aria-current={isCurrent(pathname, e.href) ? 'page' : undefined}
              className="block px-4 py-2 whitespace-nowrap hover:bg-white/10 hover:text-white aria-[current=page]:text-white"
            >
              {e.label}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
