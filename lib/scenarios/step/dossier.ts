import { timelineRenderer } from '../../history/render';
import type { RawTx } from '../../db/raw';
import { renderDossier } from '../../letters/dossier';
import type { FileBalance } from '../letter-data';
import { contactFor, type StepFacts } from '../step-facts';

/** The dossier a manager reads before deciding: claims owed today, letters sent, the whole timeline. */
export async function escalationDossier(
  tx: RawTx,
  tenantId: string,
  facts: StepFacts,
  balance: FileBalance,
  today: string,
) {
  const documents = await tx.$queryRaw<
    {
      created_at: Date;
      kind: string;
      reference: string;
      tracking_number: string | null;
      acknowledged_on: string | null;
    }[]
  >`
    SELECT created_at, kind::text, reference, tracking_number, acknowledged_on::text FROM document
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${facts.file.id}::uuid ORDER BY created_at`;
  const timeline = await tx.$queryRaw<{ occurred_at: Date; kind: string; details: unknown }[]>`
    SELECT occurred_at, kind, details FROM activity
     WHERE tenant_id = ${tenantId}::uuid AND file_id = ${facts.file.id}::uuid ORDER BY occurred_at`;
  // The dossier is written in French (renderDossier's locale), the timeline with it.
  const render = timelineRenderer('fr', facts.agency.window.timeZone);
  const address = contactFor(facts, 'LETTER');
  return renderDossier({
    locale: 'fr',
    date: today,
    agencyName: facts.agency.name,
    file: { reference: facts.file.reference, nature: facts.file.nature, placedOn: facts.file.placedAt.slice(0, 10) },
    debtor: {
      name: facts.debtor.name,
      kind: facts.debtor.kind,
      address: address
        ? [address.line1, address.line2, `${address.postcode ?? ''} ${address.city ?? ''}`].filter(Boolean).join(', ')
        : '—',
    },
    creditor: { name: facts.creditor.name },
    currency: facts.file.currency.trim(),
    claims: balance.claims,
    totals: balance.totals,
    documents: documents.map((d) => ({
      date: d.created_at.toISOString(),
      kind: d.kind,
      reference: d.reference,
      tracking: d.tracking_number,
      acknowledgedOn: d.acknowledged_on,
    })),
    contacts: timeline.map((t) => ({ at: t.occurred_at.toISOString(), kind: t.kind, summary: render(t) })),
  });
}
