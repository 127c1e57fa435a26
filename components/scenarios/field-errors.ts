/**
 * Where each message of a refused save is shown. The use-cases key messages by the input's path; the editor
 * shows most next to their box, and any it has no box for (an item of a list, a field the form never sends)
 * in the summary at the top, so no refusal goes unexplained.
 */
const SHOWN = [
  /^name$/,
  /^description$/,
  /^priority$/,
  /^steps$/,
  /^steps\.\d+\.delay\.days$/,
  /^steps\.\d+\.channels$/,
  /^steps\.\d+\.templates\.[A-Z_]+$/,
  /^steps\.\d+\.templates\.[A-Z_]+\.(fr|en)\.(subject|body)$/,
  /^steps\.\d+\.conditions\.(minDueCents|maxDueCents|debtorKind)$/,
  /^steps\.\d+\.deadlineDays$/,
  /^rules\.(minDueCents|maxDueCents|debtorKinds|natures|creditorIds|solvency|locales)$/,
];

/** Folds a path onto the box that shows it: an item of a list onto the list, a missing text onto its body. */
export function boxOf(path: string): string {
  return path
    .replace(/^(steps\.\d+\.channels)\.\d+$/, '$1')
    .replace(/^(rules\.\w+)\.\d+$/, '$1')
    .replace(/^(steps\.\d+\.templates\.[A-Z_]+\.(fr|en))$/, '$1.body');
}

export function placeErrors(fields: Record<string, string> | undefined): {
  byBox: Record<string, string>;
  others: string[];
} {
  const byBox: Record<string, string> = {};
  const others: string[] = [];
  for (const [path, message] of Object.entries(fields ?? {})) {
    const box = boxOf(path);
    if (SHOWN.some((re) => re.test(box))) byBox[box] ??= message;
    else others.push(message);
  }
  return { byBox, others };
}
