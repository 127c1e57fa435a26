'use client';

import { useCallback, useState } from 'react';

// "Never lose what they typed": every form of the file page keeps its values in localStorage, per file and
// per form, from the first keystroke until the server accepts them. A reload, a crash or a stale-version
// refusal leaves the text where it was.

export type DraftValues = Record<string, string | boolean>;

const PREFIX = 'recouvra:draft:';

export const draftKey = (fileId: string, form: string) => `${PREFIX}${fileId}:${form}`;

function read(key: string): DraftValues | null {
  try {
    const raw = window.localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return parsed && typeof parsed === 'object' ? (parsed as DraftValues) : null;
  } catch {
    return null;
  }
}

function write(key: string, values: DraftValues | null): void {
  try {
    if (values) window.localStorage.setItem(key, JSON.stringify(values));
    else window.localStorage.removeItem(key);
  } catch {
    // A full or disabled storage must not stop the agent from working: the form still holds the values.
  }
}

/** The forms of a file that hold a draft, so the page can reopen the one the agent was typing in. */
export function formsWithDrafts(fileId: string): string[] {
  const prefix = draftKey(fileId, '');
  const forms: string[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(prefix)) forms.push(key.slice(prefix.length));
    }
  } catch {
    return [];
  }
  return forms;
}

/** `false` and 'TRANSFER' in the defaults stand for any boolean and any text in the values. */
export type Widen<D> = { [K in keyof D]: D[K] extends boolean ? boolean : string };

/**
 * A form's values backed by a draft. The draft holds only the fields the agent typed in, laid over
 * `defaults` (the server's current data): after a reload that brings someone else's change, the fields
 * this agent did not touch show that change instead of silently putting the old value back.
 * `clear` drops the draft after a successful save (back to the defaults); `forget` drops it but keeps
 * showing what was saved.
 */
export function useDraft<D extends DraftValues>(key: string, initial: D) {
  type T = Widen<D>;
  const defaults = initial as T;
  const [typed, setTyped] = useState<Partial<T>>(() => {
    const stored = read(key) ?? {};
    const kept: Partial<T> = {};
    for (const k of Object.keys(defaults) as (keyof T)[]) {
      const v = stored[k as string];
      if (typeof v === typeof defaults[k]) kept[k] = v as T[keyof T];
    }
    return kept;
  });
  const values = { ...defaults, ...typed } as T;

  const set = useCallback(
    (patch: Partial<T>) => {
      // A field typed back to what the server has is no longer a change of this agent's.
      const next = Object.fromEntries(
        Object.entries({ ...typed, ...patch }).filter(([k, v]) => v !== defaults[k as keyof T]),
      ) as Partial<T>;
      write(key, Object.keys(next).length > 0 ? (next as DraftValues) : null);
      setTyped(next);
    },
    [key, typed, defaults],
  );
  const clear = useCallback(() => {
    write(key, null);
    setTyped({});
  }, [key]);
  const forget = useCallback(() => write(key, null), [key]);

  return { values, set, clear, forget };
}
