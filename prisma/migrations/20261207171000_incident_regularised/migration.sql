-- Consumer credit's forclusion runs from « le premier incident de paiement non régularisé » (C. conso. R312-35 al. 1):
-- an agent records an incident and its regularisation, and the start moves to the next unregularised incident
-- (lib/compliance/limitation.ts). Nothing else reads the kind.
ALTER TYPE "LimitationEventKind" ADD VALUE IF NOT EXISTS 'INCIDENT_REGULARISED';
