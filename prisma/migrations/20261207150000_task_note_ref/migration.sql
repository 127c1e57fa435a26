-- What the application tells the person working a task is a catalogue key and its values (lib/tasks/notes.ts),
-- shown in the reader's language; task.note keeps only what a person typed. The sentences the code wrote before
-- (every wording it ever used, and the demo seed's) become references; any other text is a person's and stays.

ALTER TABLE task ADD COLUMN note_ref jsonb;
ALTER TABLE task ADD CONSTRAINT task_note_ref_shape
  CHECK (note_ref IS NULL OR coalesce(jsonb_typeof(note_ref->'key') = 'string', false));

-- Below, the French names the code gave company events (lib/cases/company-event-labels.ts) are matched back to
-- their codes, and French days (31/12/2026) become ISO days. Regular expressions match whole notes only: a
-- sentence a person typed around the same words stays as typed.

-- A company event that does not stop collection: "<event> le <day> : vérifier les coordonnées, …".
UPDATE task t
   SET note_ref = jsonb_build_object('key', 'company.review', 'values',
         jsonb_build_object('event', e.code, 'occurredOn', to_char(to_date(m.v[2], 'DD/MM/YYYY'), 'YYYY-MM-DD'))),
       note = NULL
  FROM (SELECT tenant_id, id,
               regexp_match(note, '^(.+) le (\d{2}/\d{2}/\d{4}) : vérifier les coordonnées, le débiteur et la suite du dossier\.$') AS v
          FROM task WHERE kind = 'REVIEW' AND note_ref IS NULL) m
  JOIN (VALUES ('Cession du fonds', 'TRANSFER'), ('Cessation d''activité', 'CESSATION'),
               ('Procédure de sauvegarde', 'SAFEGUARD'), ('Redressement judiciaire', 'RECEIVERSHIP'),
               ('Liquidation judiciaire', 'LIQUIDATION'), ('Transfert du siège social', 'SEAT_CHANGE'),
               ('Surendettement', 'OVER_INDEBTEDNESS')) AS e(label, code) ON e.label = m.v[1]
 WHERE t.tenant_id = m.tenant_id AND t.id = m.id;

-- Over-indebtedness.
UPDATE task t
   SET note_ref = jsonb_build_object('key', 'insolvency.overIndebtedness', 'values',
         jsonb_build_object('occurredOn', to_char(to_date(m.v[1], 'DD/MM/YYYY'), 'YYYY-MM-DD'))),
       note = NULL
  FROM (SELECT tenant_id, id,
               regexp_match(note, '^Surendettement \(décision du (\d{2}/\d{2}/\d{4})\) : recouvrement suspendu\. Suivre la procédure auprès de la commission de la Banque de France et y déclarer la créance à sa demande\.$') AS v
          FROM task WHERE kind = 'INSOLVENCY_FOLLOW_UP' AND note_ref IS NULL) m
 WHERE m.v IS NOT NULL AND t.tenant_id = m.tenant_id AND t.id = m.id;

-- Publication unknown: the first wording (2 months only) and the one naming the 4 months of R622-24 al. 2.
UPDATE task t
   SET note_ref = jsonb_build_object('key', 'insolvency.publicationUnknown', 'values',
         jsonb_build_object('event', e.code, 'occurredOn', to_char(to_date(m.v[2], 'DD/MM/YYYY'), 'YYYY-MM-DD'))),
       note = NULL
  FROM (SELECT tenant_id, id,
               regexp_match(note, '^(.+) ouverte le (\d{2}/\d{2}/\d{4}), date de publication au BODACC inconnue : la trouver pour calculer le délai de déclaration de créance \(2 mois après publication(?:, 4 pour un créancier hors de France métropolitaine)?, C\. com\. R622-24\)\.$') AS v
          FROM task WHERE kind = 'INSOLVENCY_FOLLOW_UP' AND note_ref IS NULL) m
  JOIN (VALUES ('Cession du fonds', 'TRANSFER'), ('Cessation d''activité', 'CESSATION'),
               ('Procédure de sauvegarde', 'SAFEGUARD'), ('Redressement judiciaire', 'RECEIVERSHIP'),
               ('Liquidation judiciaire', 'LIQUIDATION'), ('Transfert du siège social', 'SEAT_CHANGE'),
               ('Surendettement', 'OVER_INDEBTEDNESS')) AS e(label, code) ON e.label = m.v[1]
 WHERE t.tenant_id = m.tenant_id AND t.id = m.id;

-- Declare by the deadline (2 months after publication, or 4 for a creditor outside metropolitan France), with or
-- without the lapsed deadline's relief from foreclosure.
UPDATE task t
   SET note_ref = jsonb_build_object('key', 'insolvency.declare', 'values',
         jsonb_build_object('event', e.code, 'publishedOn', to_char(to_date(m.v[2], 'DD/MM/YYYY'), 'YYYY-MM-DD'),
                            'deadline', to_char(to_date(m.v[3], 'DD/MM/YYYY'), 'YYYY-MM-DD'),
                            'months', CASE WHEN (to_date(m.v[2], 'DD/MM/YYYY') + interval '4 months')::date
                                                = to_date(m.v[3], 'DD/MM/YYYY') THEN 4 ELSE 2 END,
                            'lapsed', m.v[4] IS NOT NULL)),
       note = NULL
  FROM (SELECT tenant_id, id,
               regexp_match(note, '^(.+) publiée au BODACC le (\d{2}/\d{2}/\d{4}) : déclarer la créance au mandataire judiciaire au plus tard le (\d{2}/\d{2}/\d{4}) \(C\. com\. L622-24, R622-24\)\.( Délai dépassé : demander un relevé de forclusion \(L622-26\)\.)?$') AS v
          FROM task WHERE kind = 'INSOLVENCY_FOLLOW_UP' AND note_ref IS NULL) m
  JOIN (VALUES ('Cession du fonds', 'TRANSFER'), ('Cessation d''activité', 'CESSATION'),
               ('Procédure de sauvegarde', 'SAFEGUARD'), ('Redressement judiciaire', 'RECEIVERSHIP'),
               ('Liquidation judiciaire', 'LIQUIDATION'), ('Transfert du siège social', 'SEAT_CHANGE'),
               ('Surendettement', 'OVER_INDEBTEDNESS')) AS e(label, code) ON e.label = m.v[1]
 WHERE t.tenant_id = m.tenant_id AND t.id = m.id;

-- A returned letter.
UPDATE task t
   SET note_ref = jsonb_build_object('key', 'letter.returned', 'values', jsonb_build_object('reference', m.v[1])),
       note = NULL
  FROM (SELECT tenant_id, id,
               regexp_match(note, '^Courrier (.+) revenu « destinataire inconnu à l’adresse » : rechercher la nouvelle adresse du débiteur\.$') AS v
          FROM task WHERE kind = 'REVIEW' AND note_ref IS NULL) m
 WHERE m.v IS NOT NULL AND t.tenant_id = m.tenant_id AND t.id = m.id;

-- An upheld dispute.
UPDATE task SET note_ref = '{"key": "dispute.upheld"}', note = NULL
 WHERE kind = 'REVIEW' AND note_ref IS NULL
   AND note = 'Contestation fondée : obtenir du créancier la correction de la créance (avoir) ou le retrait du dossier.';

-- The engine's address review (guard NO_VALID_ADDRESS) was written without a note: the only REVIEW it writes.
UPDATE task SET note_ref = '{"key": "address.missing"}'
 WHERE kind = 'REVIEW' AND source = 'scenario' AND note IS NULL AND note_ref IS NULL;

-- The demo seed's (lib/demo/workload.ts).
UPDATE task SET note_ref = '{"key": "claim.declare"}', note = NULL
 WHERE kind = 'INSOLVENCY_FOLLOW_UP' AND note_ref IS NULL AND note = 'Déclarer la créance au mandataire';
UPDATE task SET note_ref = '{"key": "callback.agreed"}', note = NULL
 WHERE kind = 'CALLBACK' AND note_ref IS NULL AND note = 'Rappeler le débiteur comme convenu';
UPDATE task SET note_ref = '{"key": "scenario.step", "values": {"channel": "CALL_TASK"}}', note = NULL
 WHERE kind = 'CALL' AND source = 'scenario' AND note_ref IS NULL AND note = 'Étape de scénario : appel de relance';

-- A plan paid as agreed that left a balance (lib/payments/record-payment.ts) was written without a note.
UPDATE task SET note_ref = '{"key": "plan.balanceLeft"}'
 WHERE kind = 'REVIEW' AND source = 'plan' AND note IS NULL AND note_ref IS NULL;
