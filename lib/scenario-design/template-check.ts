/**
 * A stricter look at the placeholders of e-mail, SMS and task texts than ./schemas gives. Its `placeholders`
 * only sees `{{word}}`, so `{{debtor.name}}`, `{{ montant dû }}` or a forgotten `}}` would pass and reach the
 * debtor as literal braces. Pure: the designer screen runs it as the manager types, the use-cases on save.
 */
import { DESIGN_MESSAGES } from './messages';
import { SCENARIO_MESSAGES, TEMPLATE_VARIABLES } from '../scenarios/schemas';

export type TemplateProblem = { kind: 'UNKNOWN'; token: string } | { kind: 'UNCLOSED' };

const TOKEN = /\{\{([^{}]*)\}\}/g;

/** Every placeholder that is not one of TEMPLATE_VARIABLES, and any brace pair left open or unmatched. */
export function templateProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1]!.trim();
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) problems.push({ kind: 'UNKNOWN', token: match[0] });
  }
  const rest = text.replace(TOKEN, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.push({ kind: 'UNCLOSED' });
  return problems;
}

/** The first problem of a text as a field message, or null when the text is clean. */
export function templateMessage(text: string): string | null {
  const [first] = templateProblems(text);
  if (!first) return null;
  return first.kind === 'UNKNOWN' ? SCENARIO_MESSAGES.unknownVariable : DESIGN_MESSAGES.unclosedPlaceholder;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Field messages for every template text of the steps, keyed like parseInput's fields
 * (`steps.2.templates.EMAIL.en.subject`), so the form shows each one next to its box. Reads the steps as
 * posted: anything that is not shaped like a template is left to the schema.
 */
export function stepTemplateErrors(steps: readonly unknown[], prefix = 'steps'): Record<string, string> {
  const fields: Record<string, string> = {};
  steps.forEach((step, i) => {
    if (!isRecord(step) || !isRecord(step.templates)) return;
    for (const [channel, template] of Object.entries(step.templates)) {
      if (!isRecord(template)) continue;
      for (const [locale, text] of Object.entries(template)) {
        if (!isRecord(text)) continue;
        for (const part of ['subject', 'body'] as const) {
          const value = text[part];
          const message = typeof value === 'string' ? templateMessage(value) : null;
          if (message) fields[`${prefix}.${i}.templates.${channel}.${locale}.${part}`] = message;
        }
      }
    }
  });
  return fields;
}
