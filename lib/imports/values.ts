/** Identifiers as spreadsheets spell them (spaces, dots, dashes between digit groups). */
export function digitsOnly(input: string): string {
  return input.replace(/[\s.\u00a0\u202f-]/g, '');
}
