import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Nothing outside it is asked, so a database outage does not get it restarted. */
export function GET() {
  return NextResponse.json({ ok: true });
}
