/**
 * CPCE R124-4: the first thing a debtor receives from the agency is the letter (« une lettre ») that carries every
 * mention the article requires (agency, creditor, basis and breakdown of the debt, how to pay, L111-8). SMS, calls
 * and visits come after it. An e-mail sent before any letter may be that letter (the engine attaches it,
 * lib/scenarios/step/effects.ts) where the creditor's mandate allows it, which the designer cannot know: it counts
 * as one here, and the engine skips it for a file whose mandate does not. A step with conditions may not run for
 * every file, so only an unconditional one counts as "the first letter" here; the engine checks the file itself too
 * (lib/scenarios/guards.ts, FIRST_LETTER_MISSING). Pure: the designer runs it as the manager edits.
 */
import { LETTER_CHANNELS, type ScenarioStep, type StepChannel } from '../scenarios/schemas';

const AFTER_LETTER: readonly StepChannel[] = ['SMS', 'CALL_TASK', 'VISIT_TASK'];
const isLetter = (c: StepChannel) => (LETTER_CHANNELS as readonly string[]).includes(c);

/** The index of the first step that contacts the debtor before the first letter, or null. */
export function contactBeforeFirstLetter(
  steps: readonly Pick<ScenarioStep, 'channels' | 'conditions'>[],
): number | null {
  for (const [i, step] of steps.entries()) {
    const letterHere = step.channels.some((c) => isLetter(c) || c === 'EMAIL') && !step.conditions;
    const early = step.channels.some((c) => AFTER_LETTER.includes(c));
    if (early) return i;
    if (letterHere) return null;
  }
  return null;
}
