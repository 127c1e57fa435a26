// The stale-version refusal every file use-case gives is a catalogue reference (`errors.stale.*`, written by
// lib/cases/file-store.ts); the file page's banner reads who changed the file, when and what from its values.
// Nothing reads the message text back. No imports, so client components and server actions alike can use it.

export const STALE_KEYS = ['errors.stale.changed', 'errors.stale.reload'] as const;

/** Whether an answer is the stale-version refusal (by its catalogue key). */
export function isStaleFile(ref: { key: string } | undefined): boolean {
  return (STALE_KEYS as readonly string[]).includes(ref?.key ?? '');
}
