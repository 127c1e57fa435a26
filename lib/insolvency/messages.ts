import { catalogueKeys } from '../errors/keys';

/**
 * Every refusal a claim declaration, its outcome or a dividend can earn (`errors.claimDeclaration.<name>`), rendered
 * in the reader's language by the mapper (lib/errors/describe).
 */
export const DECLARATION_MESSAGES = catalogueKeys('errors.claimDeclaration', [
  'required',
  'noProceedings',
  'rateMissing',
  'nothingToDeclare',
  'alreadyFiled',
  'notFiled',
  'day',
  'future',
  'filedBeforeJudgment',
  'powerAfterFiling',
  'security',
  'securityDetail',
  'outcome',
  'outcomeFinal',
  'admitted',
  'admittedRange',
  'decidedBeforeFiling',
  'notAdmitted',
  'dividendOverAdmitted',
  'amount',
  'reference',
  'linkedKind',
  'firstMissing',
  'beforeFirst',
  'reliefRequired',
  'reliefNotNeeded',
  'reliefAfterFiling',
  'nothingNew',
  'nothingToCorrect',
]);
