import { ACTIVITY_MESSAGES } from '@/lib/activity/schemas';
import { CLAIM_CORRECTION_MESSAGES, FILE_FORM_MESSAGES_KEYS } from '@/lib/cases/claim-correction-schema';

// The file-page use-cases answer field errors in English (the API's language); the screen shows the
// `workspace.errors.<key>` catalogue entry for each one it knows, and the server's text otherwise.

type Translate = (key: string, values?: Record<string, string | number>) => string;

const KEY_OF = new Map<string, string>(
  Object.entries(ACTIVITY_MESSAGES).flatMap(([key, message]): [string, string][] =>
    typeof message === 'string' ? [[message, key]] : [],
  ),
);

const PATTERNS: [RegExp, string, (m: RegExpExecArray) => Record<string, string | number>][] = [
  [/^must be 1 to (\d+) characters$/, 'textLength', (m) => ({ max: Number(m[1]) })],
  [/^must be at most (\d+) characters$/, 'maxLength', (m) => ({ max: Number(m[1]) })],
  [/^not used for an? /, 'notUsed', () => ({})],
  [/^is already the status of this contact point$/, 'sameStatus', () => ({})],
  [/^the debtor asked not to be contacted here/, 'liftDoNotContact', () => ({})],
  [/^is not an? (task|promise|dispute) of this file$/, 'notOfFile', () => ({})],
  [/^(is already|was already resolved|is (kept|broken|cancelled))/, 'alreadyDone', () => ({})],
  [/^over-indebtedness applies to a person/, 'overIndebtednessPerson', () => ({})],
];

// A claim correction's own messages (the file-form ones it shares are found above).
const CLAIM_KEY_OF = new Map<string, string>(
  Object.entries(CLAIM_CORRECTION_MESSAGES).flatMap(([key, message]): [string, string][] =>
    typeof message === 'string' && !FILE_FORM_MESSAGES_KEYS.has(key) ? [[message, key]] : [],
  ),
);

/** A field message from lib/activity or lib/cases in the reader's language. */
export function fieldMessage(t: Translate, message: string): string {
  const key = KEY_OF.get(message);
  if (key) return t(`errors.${key}`);
  const claimKey = CLAIM_KEY_OF.get(message);
  if (claimKey) return t(`claimCorrection.errors.${claimKey}`);
  for (const [pattern, name, values] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return t(`errors.${name}`, values(match));
  }
  return message;
}
