-- A timeline line is a kind and its values (lib/history/kinds.ts), rendered in the reader's language; the French
-- sentence each line carried goes. Existing lines are given the values their message needs, from their details,
-- from the rows they point at, or, where only the sentence held it, from the sentence; then the column is dropped.
-- An error text a failed step or message put in a line is not kept (the outbox keeps its own in last_error).

-- Placements: the creditor's name and the file's currency.
UPDATE activity a
   SET details = a.details || jsonb_build_object('creditorName', c.name, 'currency', trim(f.currency))
  FROM case_file f JOIN creditor c ON c.tenant_id = f.tenant_id AND c.id = f.creditor_id
 WHERE a.kind IN ('file.placed', 'claims.added') AND f.tenant_id = a.tenant_id AND f.id = a.file_id;

-- Assignments: the assignee's name as it was written.
UPDATE activity a
   SET details = a.details || jsonb_build_object('assigneeName',
         coalesce(i.name, substring(a.summary from 'attribué à (.*?)(?: \(équilibrage de la charge\))?$'), ''))
  FROM activity x
  LEFT JOIN membership m ON m.tenant_id = x.tenant_id AND m.id::text = x.details->>'assigneeId'
  LEFT JOIN identity i ON i.id = m.identity_id
 WHERE a.kind = 'file.assigned' AND x.tenant_id = a.tenant_id AND x.id = a.id;

-- The demo history's own kinds become the application's.
UPDATE activity SET kind = 'file.status_changed',
       details = jsonb_build_object('statusFrom', 'IN_PROGRESS', 'statusTo',
         CASE WHEN summary LIKE '%irrécouvrable%' THEN 'IRRECOVERABLE'
              WHEN summary LIKE 'Dossier retiré%' THEN 'WITHDRAWN' ELSE 'PAID' END) || details
 WHERE kind = 'note.added'
   AND (details ? 'paidCents' OR summary LIKE '%irrécouvrable%' OR summary LIKE 'Dossier retiré%');
UPDATE activity SET kind = 'contact.note',
       details = details || jsonb_build_object('channel', 'NOTE', 'outcome', 'NONE', 'note', summary)
 WHERE kind = 'note.added';
UPDATE activity SET kind = 'contact.call',
       details = jsonb_build_object('channel', 'CALL') || details || CASE details->>'outcome'
         WHEN 'voicemail' THEN '{"answeredBy": "VOICEMAIL", "outcome": "NONE", "note": "Message laissé"}'::jsonb
         WHEN 'no_answer' THEN '{"answeredBy": "NOBODY", "outcome": "NONE"}'::jsonb
         WHEN 'dispute' THEN jsonb_build_object('answeredBy', 'DEBTOR', 'outcome', 'DISPUTE',
                                               'note', 'Le débiteur ' || substring(summary from 'le débiteur (.*)$'))
         ELSE jsonb_build_object('answeredBy', 'DEBTOR', 'outcome', 'NONE',
                                 'note', coalesce(substring(summary from '— le débiteur (.*)$'), summary)) END
 WHERE kind = 'call.logged';
UPDATE activity SET kind = 'plan.created',
       details = details || jsonb_build_object(
         'totalCents', (details->>'amountCents')::bigint * (details->>'instalments')::int,
         'instalmentCount', (details->>'instalments')::int,
         'frequency', 'MONTHLY',
         'firstAmountCents', (details->>'amountCents')::bigint,
         'lastAmountCents', (details->>'amountCents')::bigint,
         'firstDueOn', details->>'dueOn',
         'lastDueOn', to_char((details->>'dueOn')::date + ((details->>'instalments')::int - 1) * interval '1 month', 'YYYY-MM-DD'),
         'downPaymentCents', 0, 'graceDays', 10, 'currency', 'EUR')
 WHERE kind = 'promise.made' AND details ? 'instalments';
UPDATE activity SET kind = 'contact.call',
       details = details || '{"channel": "CALL", "answeredBy": "DEBTOR", "outcome": "PROMISE", "currency": "EUR"}'::jsonb
 WHERE kind = 'promise.made';
UPDATE activity
   SET details = details || jsonb_build_object('channel',
         CASE details->>'template' WHEN 'formal_notice' THEN 'FORMAL_NOTICE' ELSE 'SIMPLE_LETTER' END)
 WHERE kind = 'letter.sent' AND details->>'channel' IN ('post', 'registered_post');

-- Messages: who they went to, from the outbox; why one was not sent, from its sentence.
UPDATE activity a
   SET details = a.details || jsonb_build_object('recipient', m.recipient, 'subject', m.subject)
  FROM outbound_message m
 WHERE a.kind IN ('email.queued', 'sms.queued', 'email.sent', 'sms.sent', 'email.cancelled', 'sms.cancelled',
                  'email.failed', 'sms.failed')
   AND m.tenant_id = a.tenant_id AND m.id::text = a.details->>'messageId';
UPDATE activity
   SET details = details || jsonb_build_object('cause',
         CASE WHEN summary LIKE '%ne pas contacter%' THEN 'DO_NOT_CONTACT' ELSE 'OPTED_OUT' END)
 WHERE kind IN ('email.cancelled', 'sms.cancelled');

-- The engine: the scenario's name and the first step's time; a manual pause's reason is the agent's note; a
-- failed step keeps its count, not its error.
UPDATE activity a
   SET details = a.details || jsonb_build_object('scenarioName', s.name)
  FROM scenario_version v JOIN scenario s ON s.tenant_id = v.tenant_id AND s.id = v.scenario_id
 WHERE a.kind = 'scenario.started' AND v.tenant_id = a.tenant_id AND v.id::text = a.details->>'scenarioVersionId';
UPDATE activity a
   SET details = a.details || jsonb_build_object('firstRunAt', to_char(
         (to_timestamp(substring(a.summary from 'prévue le (\d\d/\d\d/\d{4} à \d\d:\d\d)'), 'DD/MM/YYYY "à" HH24:MI')
            ::timestamp AT TIME ZONE g.time_zone) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'))
  FROM agency g
 WHERE a.kind = 'scenario.started' AND g.id = a.tenant_id AND a.summary ~ 'prévue le \d\d/\d\d/\d{4} à \d\d:\d\d';
UPDATE activity SET details = (details - 'reason') || jsonb_build_object('note', details->>'reason')
 WHERE kind = 'scenario.paused' AND actor_id IS NOT NULL;
UPDATE activity SET details = details - 'reason'
 WHERE kind IN ('scenario.paused', 'scenario.resumed', 'scenario.stopped') AND details->>'reason' !~ '^[A-Z_]+$';
UPDATE activity
   SET details = (details - 'reason') || jsonb_build_object('paused', coalesce((details->>'failures')::int, 0) >= 5)
 WHERE kind = 'scenario.step_failed';

-- Contact points: the kind of point; an address returned by a letter names the letter, not a sentence.
UPDATE activity a
   SET details = a.details || jsonb_build_object('contactKind', c.kind::text)
  FROM contact_point c
 WHERE a.kind = 'contact_point.status' AND c.tenant_id = a.tenant_id AND c.id::text = a.details->>'contactPointId';
UPDATE activity a
   SET details = (a.details - 'reason') || jsonb_build_object('letterReference', d.reference)
  FROM document d
 WHERE a.kind = 'contact_point.status' AND a.details ? 'documentId'
   AND d.tenant_id = a.tenant_id AND d.id::text = a.details->>'documentId';
UPDATE activity SET details = details || jsonb_build_object('addressKnown', summary LIKE '%ne figure plus%')
 WHERE kind = 'letter.returned';
UPDATE activity SET details = details || jsonb_build_object('returnedAddressKept', summary LIKE '%le reste :%')
 WHERE kind = 'letter.tracking';
-- What a hand correction replaced, or what was cleared, as the line names it (lib/scenarios/record-registered-mail).
UPDATE activity
   SET details = details
         || CASE WHEN details->'previous' ? 'trackingNumber' AND (details->'trackingNumber' = 'null'::jsonb OR details->>'source' = 'hand')
                 THEN jsonb_build_object('wasTrackingNumber', details->'previous'->>'trackingNumber') ELSE '{}'::jsonb END
         || CASE WHEN details->'previous' ? 'sentOn' AND (details->'sentOn' = 'null'::jsonb OR details->>'source' = 'hand')
                 THEN jsonb_build_object('wasSentOn', details->'previous'->>'sentOn') ELSE '{}'::jsonb END
         || CASE WHEN details->'previous' ? 'acknowledgedOn' AND (details->'acknowledgedOn' = 'null'::jsonb OR details->>'source' = 'hand')
                 THEN jsonb_build_object('wasAcknowledgedOn', details->'previous'->>'acknowledgedOn') ELSE '{}'::jsonb END
         || CASE WHEN details->'previous' ? 'deliveryOutcome' AND (details->'deliveryOutcome' = 'null'::jsonb OR details->>'source' = 'hand')
                 THEN jsonb_build_object('wasDeliveryOutcome', details->'previous'->>'deliveryOutcome') ELSE '{}'::jsonb END
 WHERE kind = 'letter.tracking' AND jsonb_typeof(details->'previous') = 'object';
UPDATE activity SET details = details || jsonb_build_object('suspends', summary LIKE '%recouvrement suspendu%')
 WHERE kind = 'company.event';

-- Money: every amount with its file's currency; a reversal shows the payment it takes back, as a positive sum.
UPDATE activity a
   SET details = jsonb_build_object('currency', trim(f.currency)) || a.details
  FROM case_file f
 WHERE f.tenant_id = a.tenant_id AND f.id = a.file_id
   AND a.kind IN ('payment.recorded', 'payment.reversed', 'plan.created', 'plan.instalment_late', 'plan.broken',
                  'plan.completed', 'promise.cancelled', 'promise.kept', 'promise.broken', 'contact.call',
                  'escalation.requested', 'letter.sent');
UPDATE activity SET details = jsonb_build_object('creditCents', 0) || details
 WHERE kind = 'payment.recorded';
UPDATE activity a
   SET details = a.details || jsonb_build_object('amountCents', abs((a.details->>'amountCents')::bigint),
                                                 'reversedReceiptNumber', p.receipt_number)
  FROM payment p
 WHERE a.kind = 'payment.reversed' AND p.tenant_id = a.tenant_id AND p.id::text = a.details->>'paymentId';
-- The demo's reversals kept their reason in the sentence only.
UPDATE activity SET details = details || jsonb_build_object('reason', coalesce(substring(summary from 'motif : (.*?)(?: — |$)'), ''))
 WHERE kind = 'payment.reversed' AND NOT details ? 'reason';
UPDATE activity
   SET details = details || jsonb_build_object(
         'instalmentCount', (SELECT count(*) FROM jsonb_array_elements(details->'instalments') i WHERE (i->>'seq')::int > 0),
         'firstAmountCents', (SELECT (i->>'amountCents')::bigint FROM jsonb_array_elements(details->'instalments') i
                               WHERE (i->>'seq')::int > 0 ORDER BY (i->>'seq')::int LIMIT 1),
         'lastAmountCents', (SELECT (i->>'amountCents')::bigint FROM jsonb_array_elements(details->'instalments') i
                              ORDER BY (i->>'seq')::int DESC LIMIT 1),
         'firstDueOn', (SELECT i->>'dueOn' FROM jsonb_array_elements(details->'instalments') i
                         WHERE (i->>'seq')::int > 0 ORDER BY (i->>'seq')::int LIMIT 1),
         'lastDueOn', (SELECT i->>'dueOn' FROM jsonb_array_elements(details->'instalments') i
                        ORDER BY (i->>'seq')::int DESC LIMIT 1))
 WHERE kind = 'plan.created' AND jsonb_typeof(details->'instalments') = 'array';
UPDATE activity a
   SET details = a.details || jsonb_build_object('breaksOn', to_char((a.details->>'dueOn')::date + p.grace_days, 'YYYY-MM-DD'))
  FROM payment_plan p
 WHERE a.kind = 'plan.instalment_late' AND p.tenant_id = a.tenant_id AND p.id::text = a.details->>'planId';
UPDATE activity SET details = details || jsonb_build_object('missedCount', jsonb_array_length(details->'missed'))
 WHERE kind = 'plan.broken' AND jsonb_typeof(details->'missed') = 'array';
UPDATE activity SET details = details || jsonb_build_object('reversedReceiptNumber', substring(summary from 'quittance ([^) ]+)'))
 WHERE kind = 'plan.broken' AND NOT details ? 'missed' AND summary ~ 'quittance [^) ]+';

ALTER TABLE activity DROP COLUMN summary;
