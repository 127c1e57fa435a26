import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { redis } from '@/lib/redis/connection';
import { checkHealth } from '@/lib/system/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await checkHealth(db(), redis());
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}
