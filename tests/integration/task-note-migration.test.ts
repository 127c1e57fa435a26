import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { checkTaskNote, taskNoteText, type TaskNoteRef } from '../../lib/tasks/notes';
import { ownerClient, ownerDb, uniqueSlug } from './support/db';

// Migration 20261207150000 turns the sentences the code wrote on tasks (every wording it ever used, and the demo
// seed's) into catalogue references, and leaves what a person typed alone. Its conversion statements run here on
// rows written the old way, then each reference is checked against its key's schema and read in both languages.

const owner = ownerDb();
const MIGRATION = readFileSync(
  join(__dirname, '../../prisma/migrations/20261207150000_task_note_ref/migration.sql'),
  'utf8',
);
/** The conversion: everything after the column and its check were added. */
const CONVERSION = MIGRATION.slice(MIGRATION.indexOf('UPDATE task'));

let tenantId: string;
let fileId: string;

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('tasknotes'),
    name: 'Task notes',
    seed: 21,
    files: 4,
    password: 'x-password-1',
  }));
  fileId = (await owner.caseFile.findFirstOrThrow({ where: { tenantId }, orderBy: { reference: 'asc' } })).id;
});
afterAll(() => owner.$disconnect());

const OLD: [kind: string, source: string, note: string | null, expected: TaskNoteRef | null][] = [
  [
    'REVIEW',
    'agent',
    'Transfert du siège social le 02/11/2026 : vérifier les coordonnées, le débiteur et la suite du dossier.',
    { key: 'company.review', values: { event: 'SEAT_CHANGE', occurredOn: '2026-11-02' } },
  ],
  [
    'REVIEW',
    'agent',
    "Cessation d'activité le 15/10/2026 : vérifier les coordonnées, le débiteur et la suite du dossier.",
    { key: 'company.review', values: { event: 'CESSATION', occurredOn: '2026-10-15' } },
  ],
  [
    'INSOLVENCY_FOLLOW_UP',
    'agent',
    'Surendettement (décision du 03/11/2026) : recouvrement suspendu. Suivre la procédure auprès de la commission ' +
      'de la Banque de France et y déclarer la créance à sa demande.',
    { key: 'insolvency.overIndebtedness', values: { occurredOn: '2026-11-03' } },
  ],
  // The first wording of an unknown publication (2 months only), then the one naming R622-24's 4 months.
  [
    'INSOLVENCY_FOLLOW_UP',
    'agent',
    'Liquidation judiciaire ouverte le 20/11/2026, date de publication au BODACC inconnue : la trouver pour ' +
      'calculer le délai de déclaration de créance (2 mois après publication, C. com. R622-24).',
    { key: 'insolvency.publicationUnknown', values: { event: 'LIQUIDATION', occurredOn: '2026-11-20' } },
  ],
  [
    'INSOLVENCY_FOLLOW_UP',
    'agent',
    'Procédure de sauvegarde ouverte le 01/12/2026, date de publication au BODACC inconnue : la trouver pour ' +
      'calculer le délai de déclaration de créance (2 mois après publication, 4 pour un créancier hors de ' +
      'France métropolitaine, C. com. R622-24).',
    { key: 'insolvency.publicationUnknown', values: { event: 'SAFEGUARD', occurredOn: '2026-12-01' } },
  ],
  [
    'INSOLVENCY_FOLLOW_UP',
    'agent',
    'Redressement judiciaire publiée au BODACC le 31/10/2026 : déclarer la créance au mandataire judiciaire au ' +
      'plus tard le 31/12/2026 (C. com. L622-24, R622-24).',
    {
      key: 'insolvency.declare',
      values: { event: 'RECEIVERSHIP', publishedOn: '2026-10-31', deadline: '2026-12-31', months: 2, lapsed: false },
    },
  ],
  // A creditor outside metropolitan France: 4 months, and the deadline already passed when it was recorded.
  [
    'INSOLVENCY_FOLLOW_UP',
    'agent',
    'Liquidation judiciaire publiée au BODACC le 30/04/2026 : déclarer la créance au mandataire judiciaire au ' +
      'plus tard le 30/08/2026 (C. com. L622-24, R622-24). Délai dépassé : demander un relevé de forclusion (L622-26).',
    {
      key: 'insolvency.declare',
      values: { event: 'LIQUIDATION', publishedOn: '2026-04-30', deadline: '2026-08-30', months: 4, lapsed: true },
    },
  ],
  [
    'REVIEW',
    'agent',
    'Courrier LR-2026-000123 revenu « destinataire inconnu à l’adresse » : rechercher la nouvelle adresse du débiteur.',
    { key: 'letter.returned', values: { reference: 'LR-2026-000123' } },
  ],
  [
    'REVIEW',
    'agent',
    'Contestation fondée : obtenir du créancier la correction de la créance (avoir) ou le retrait du dossier.',
    { key: 'dispute.upheld' },
  ],
  ['REVIEW', 'scenario', null, { key: 'address.missing' }],
  ['REVIEW', 'plan', null, { key: 'plan.balanceLeft' }],
  // The demo seed's.
  ['INSOLVENCY_FOLLOW_UP', 'agent', 'Déclarer la créance au mandataire', { key: 'claim.declare' }],
  ['CALLBACK', 'agent', 'Rappeler le débiteur comme convenu', { key: 'callback.agreed' }],
  [
    'CALL',
    'scenario',
    'Étape de scénario : appel de relance',
    { key: 'scenario.step', values: { channel: 'CALL_TASK' } },
  ],
  // What people typed stays: an agent's notes, a dispute's reason, a manager's template filled in, an empty review.
  ['CALLBACK', 'agent', 'Rappeler après 14 h, demande le relevé', null],
  ['DISPUTE', 'agent', 'Conteste la facture F-2026-118 : marchandise jamais livrée', null],
  ['CALL', 'scenario', 'Appeler SARL Dupont au sujet de 6 000,00 €.', null],
  ['REVIEW', 'agent', 'Contestation fondée : voir le mail du créancier du 3/12', null],
  ['REVIEW', 'agent', null, null],
  // An application's wording on a kind it never wrote it on is somebody's text.
  ['CALLBACK', 'agent', 'Déclarer la créance au mandataire', null],
];

describe('migration 20261207150000_task_note_ref', () => {
  it('turns every sentence the code wrote into its reference and leaves typed text alone', async () => {
    const ids: string[] = [];
    for (const [kind, source, note] of OLD) {
      const [row] = await owner.$queryRaw<{ id: string }[]>`
        INSERT INTO task (tenant_id, file_id, kind, due_at, source, note)
        VALUES (${tenantId}::uuid, ${fileId}::uuid, ${kind}::"TaskKind", now(), ${source}, ${note})
        RETURNING id::text`;
      ids.push(row!.id);
    }
    const client = await ownerClient();
    try {
      await client.query(CONVERSION);
      // Run twice (a retried deploy): nothing changes the second time.
      await client.query(CONVERSION);
    } finally {
      await client.end();
    }
    const rows = await owner.task.findMany({ where: { tenantId, id: { in: ids } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    OLD.forEach(([, , note, expected], i) => {
      const row = byId.get(ids[i]!)!;
      if (expected) {
        expect({ note: row.note, ref: row.noteRef }, note ?? 'no note').toEqual({
          note: null,
          ref: expected,
        });
        // A reference the code can show, in both languages.
        expect(() => checkTaskNote(row.noteRef as TaskNoteRef)).not.toThrow();
        expect(taskNoteText(row, 'fr', 'Europe/Paris')).not.toMatch(/illisible/);
        expect(taskNoteText(row, 'en', 'Europe/Paris')).not.toMatch(/unreadable/);
      } else {
        expect({ note: row.note, ref: row.noteRef }).toEqual({ note, ref: null });
      }
    });
  });

  it('refuses a reference without a key', async () => {
    for (const bad of ['{"values": {}}', '{"key": 3}', '"dispute.upheld"', '[]'])
      await expect(
        owner.$executeRaw`UPDATE task SET note_ref = ${bad}::jsonb WHERE tenant_id = ${tenantId}::uuid`,
      ).rejects.toThrow(/task_note_ref_shape/);
  });
});
