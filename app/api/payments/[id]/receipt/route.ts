import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/session';
import { toErrorBody } from '@/lib/errors/app-error';
import { requestIp } from '@/lib/http/handle';
import { renderReceipt } from '@/lib/letters/receipt';
import { receiptData } from '@/lib/payments/receipt-data';

type Params = { params: Promise<{ id: string }> };

/** The receipt (quittance) of a payment as a PDF download; another agency's or creditor's payment is a 404. */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    const document = await receiptData({ actor, paymentId: id, ip: requestIp(request) });
    const pdf = await renderReceipt(document.data);
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
