import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/session';
import { toErrorBody } from '@/lib/errors/app-error';
import { requestIp } from '@/lib/http/handle';
import { renderPlanLetter } from '@/lib/letters/plan-letter';
import { planLetterData } from '@/lib/payments/plan-letter-data';

type Params = { params: Promise<{ id: string }> };

/** The letter confirming a payment plan, as a PDF download; another agency's or creditor's plan is a 404. */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    const document = await planLetterData({ actor, planId: id, ip: requestIp(request) });
    const pdf = await renderPlanLetter(document.data);
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': String(pdf.length),
        'Content-Disposition': `attachment; filename="${document.fileName}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status });
  }
}
