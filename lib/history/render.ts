import { createTranslator } from 'next-intl';
import type { z } from 'zod';
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };
import { formatterFor, intlCache, intlFormatters, type Formatter } from '../i18n/formatter';
import type { Locale } from '../i18n/locales';
import { formatOf, presenceArg, type FieldFormat } from './fields';
import { TIMELINE_KINDS } from './kinds';

// The one renderer of timeline lines, used by the agency's file page, the creditor portal, the API and the
// escalation dossier: catalogue message `timeline.<kind>` in the reader's language, values through next-intl's
// formatter. Other stored catalogue lines with typed values (a task's note, lib/tasks/notes.ts) render the same way
// under their own namespace.

type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface StoredLine {
  kind: string;
  details: unknown;
}

const CATALOGUES = { fr, en };

export type RenderTimeline = (line: StoredLine) => string;

/** Kinds and the zod schema of each one's values (fields.ts says how each value is shown). */
export type KindTable = Record<string, z.ZodObject>;

// Parsed messages and Intl objects are kept (lib/i18n/formatter), as next-intl does for a request: a file page
// shows up to 200 lines.
const renderers = new Map<string, RenderTimeline>();

/** A renderer for one reader: their language, and the agency's time zone for times of day. */
export function timelineRenderer(locale: Locale, timeZone: string): RenderTimeline {
  return kindRenderer('timeline', TIMELINE_KINDS, locale, timeZone);
}

/**
 * Lines of a table of kinds, each shown as catalogue message `<ns>.<kind>`; a kind the table lacks, or values its
 * schema refuses (a stored row older than the code), show `<ns>.unknown` rather than break the page.
 */
export function kindRenderer(ns: string, table: KindTable, locale: Locale, timeZone: string): RenderTimeline {
  const key = `${ns} ${locale} ${timeZone}`;
  let render = renderers.get(key);
  if (!render) {
    const t = createTranslator({
      locale,
      timeZone,
      messages: CATALOGUES[locale],
      _cache: intlCache,
      _formatters: intlFormatters,
    }) as unknown as Translate;
    const format = formatterFor(locale, timeZone);
    render = (line) => renderLine(ns, table, line, t, format, timeZone);
    renderers.set(key, render);
  }
  return render;
}

function renderLine(
  ns: string,
  table: KindTable,
  line: StoredLine,
  t: Translate,
  format: Formatter,
  timeZone: string,
): string {
  const schema = Object.hasOwn(table, line.kind) ? table[line.kind] : undefined;
  if (!schema) return t(`${ns}.unknown`);
  const parsed = schema.safeParse(line.details ?? {});
  if (!parsed.success) return t(`${ns}.unknown`);
  const data = parsed.data as Record<string, unknown>;
  const currency = typeof data.currency === 'string' && data.currency.trim() ? data.currency.trim() : 'EUR';
  const values: Record<string, string | number> = {};
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = data[name];
    values[presenceArg(name)] = presence(value, formatOf(field).as);
    values[name] = value === undefined || value === null ? '' : shown(field, value, { t, format, currency, timeZone });
  }
  return t(`${ns}.${line.kind}`, values);
}

/** `has<Field>`: no (absent), null (cleared), zero (a nil amount, count or list; a step 0 is the first), yes. */
function presence(value: unknown, as: FieldFormat['as']): string {
  if (value === undefined) return 'no';
  if (value === null) return 'null';
  if ((value === 0 && (as === 'money' || as === 'count')) || (Array.isArray(value) && value.length === 0))
    return 'zero';
  return 'yes';
}

function shown(
  field: z.ZodType,
  value: unknown,
  ctx: { t: Translate; format: Formatter; currency: string; timeZone: string },
): string | number {
  const fmt = formatOf(field);
  switch (fmt.as) {
    case 'money':
      return ctx.format.number((value as number) / 100, { style: 'currency', currency: ctx.currency });
    case 'count':
      return value as number;
    case 'step':
      return (value as number) + 1;
    case 'day':
      return ctx.format.dateTime(new Date(`${value as string}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
    case 'instant':
      return ctx.format.dateTime(new Date(value as string), {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: ctx.timeZone,
      });
    case 'label':
      return ctx.t(`${fmt.ns}.${value as string}`);
    case 'labels':
      return ctx.format.list((value as string[]).map((v) => ctx.t(`${fmt.ns}.${v}`)));
    case 'flag':
      return value ? 'yes' : 'no';
    case 'code':
    case 'text':
      return String(value);
  }
}
