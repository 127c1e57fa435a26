'use client';

import { useRouter } from 'next/navigation';
import { Field, FormFrame, useFileForm, type Answer } from './form-kit';

/** A cancellation that needs only its reason: sent, then the page is read again from the server. */
export function ReasonForm({
  fileId,
  draft,
  testId,
  label,
  hint,
  submitLabel,
  send,
}: {
  fileId: string;
  /** The draft's name: what was typed survives a reload (components/workspace/drafts.ts). */
  draft: string;
  testId: string;
  label: string;
  hint: string;
  submitLabel: string;
  send: (reason: string) => Promise<Answer<unknown>>;
}) {
  const router = useRouter();
  const form = useFileForm(fileId, draft, { reason: '' });

  function submit() {
    form.submit(
      () => send(form.values.reason),
      () => {
        form.clear();
        router.refresh();
      },
    );
  }

  return (
    <FormFrame testId={testId} onSubmit={submit} error={form.error} pending={form.pending} submitLabel={submitLabel}>
      <Field label={label} name="reason" error={form.error} hint={hint} wide>
        {(p) => <input {...p} value={form.values.reason} onChange={(e) => form.set({ reason: e.target.value })} />}
      </Field>
    </FormFrame>
  );
}
