import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { redis } from '@/lib/redis/connection';
import { checkHealth } from '@/lib/system/health';

export const dynamic = 'force-dynamic';

/** Readiness: PostgreSQL and Redis answer and a worker has beaten within its TTL; 503 otherwise, saying which. */
export async function GET() {
  const health = await checkHealth(db(), redis());
  return NextResponse.json(health, { status: health.ready ? 200 : 503 });
}
