import { createHash } from 'node:crypto';
import type { Tx } from '../db/tenant';
import { renderToBuffer } from '../letters/layout';
import { derivedKey, storeBuffer } from '../storage/documents';

/**
 * The demo's first open dispute carries a document, as one sent from the debtor's page would (a PDF "bank
 * statement"), so the agent's dispute list shows one and the route crawler has a real attachment of each agency.
 */
export async function attachDemoEvidence(
  tx: Tx,
  dispute: { tenantId: string; id: string; fileId: string; openedAt: Date },
) {
  const day = dispute.openedAt.toISOString().slice(0, 10);
  const pdf = await renderToBuffer({ title: 'Relevé de compte', author: 'Banque', locale: 'fr', date: day }, (doc) => {
    doc.addPage();
    doc.font('Helvetica').fontSize(12).text(`Relevé de compte au ${day}`).moveDown();
    doc.text('Virement émis : 150,00 EUR — référence facture');
  });
  const storageKey = derivedKey(dispute.tenantId, 'documents', `dispute-attachment:${dispute.id}:0`);
  await storeBuffer(storageKey, pdf);
  await tx.disputeAttachment.create({
    data: {
      tenantId: dispute.tenantId,
      disputeId: dispute.id,
      fileId: dispute.fileId,
      name: 'releve-de-compte.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      storageKey,
      createdAt: dispute.openedAt,
    },
  });
}
