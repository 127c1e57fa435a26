import { downloadRoute } from '@/lib/http/download';
import { renderPlanLetter } from '@/lib/letters/plan-letter';
import { planLetterData } from '@/lib/payments/plan-letter-data';

/** The letter confirming a payment plan, as a PDF download; another agency's or creditor's plan is a 404. */
export const GET = downloadRoute(async ({ actor, id, ip }) => {
  const document = await planLetterData({ actor, planId: id, ip });
  const pdf = await renderPlanLetter(document.data);
  return { name: document.fileName, contentType: 'application/pdf', size: pdf.length, body: new Uint8Array(pdf) };
});
