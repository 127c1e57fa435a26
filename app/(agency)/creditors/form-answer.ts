import { getTranslations } from 'next-intl/server';
import type { MandateFormField, MandateFormState, MandateFormValues } from '@/components/creditors/mandate-form-state';
import { MANDATE_FORM_FIELDS } from '@/lib/creditors/schemas';
import { AppError } from '@/lib/errors/app-error';
import { readerError } from '@/lib/errors/reader';

/** The form's own fields from a post, as strings; anything else in the post is ignored. */
export function postedMandateValues(formData: FormData): MandateFormValues {
  const values: MandateFormValues = {};
  for (const name of MANDATE_FORM_FIELDS) {
    const value = formData.get(name);
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

const isFormField = (name: string): name is MandateFormField =>
  (MANDATE_FORM_FIELDS as readonly string[]).includes(name);

/** A refused save as form messages in the reader's language; errors that are not the user's propagate. */
export async function refusedSave(
  error: unknown,
  values: MandateFormValues,
  prev: MandateFormState,
): Promise<MandateFormState> {
  if (!(error instanceof AppError) || !['INVALID', 'CONFLICT', 'NOT_FOUND'].includes(error.code)) throw error;
  const t = await getTranslations('mandates');
  const shown = await readerError(error);
  const fields: Partial<Record<MandateFormField, string>> = {};
  const others: string[] = [];
  for (const [name, text] of Object.entries(shown.fields ?? {})) {
    if (isFormField(name)) fields[name] = text;
    else others.push(text);
  }
  let message = t('form.invalid');
  if (error.code === 'NOT_FOUND') message = t('form.notFound');
  else if (error.code === 'CONFLICT' && !error.fields) message = t('form.conflict');
  return {
    status: 'error',
    seq: prev.seq + 1,
    message: [message, ...others].join(' '),
    fields,
    values,
  };
}
