-- Issue 14: consumer credit's forclusion after a rescheduling (C. conso. R312-35 al. 2).
--
-- « Lorsque les modalités de règlement des échéances impayées ont fait l'objet d'un réaménagement ou d'un
-- rééchelonnement, le point de départ du délai de forclusion est le premier incident non régularisé intervenu après
-- le premier aménagement ou rééchelonnement conclu entre les intéressés. » A plan agreed on a consumer-credit claim
-- (PLAN_AGREED, already recorded) stops the two years; the plan's first instalment left unpaid past its grace period
-- starts them again. PAYMENT_INCIDENT records that day, on the claims the plan covered, when the plan breaks
-- (lib/payments/check-plans.ts); lib/compliance/limitation.ts reads it for consumer credit only.
ALTER TYPE "LimitationEventKind" ADD VALUE 'PAYMENT_INCIDENT';
