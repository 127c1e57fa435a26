/**
 * Header names the mapping screen can tell apart: trimmed, blanks named after their position ("Column 3"),
 * repeats numbered ("Montant", "Montant (2)").
 */
export function uniqueHeaders(cells: string[]): string[] {
  const seen = new Set<string>();
  return cells.map((cell, i) => {
    const base = cell.replace(/\s+/g, ' ').trim() || `Column ${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

export function isBlankRow(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}
