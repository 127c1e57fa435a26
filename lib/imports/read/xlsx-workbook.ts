import path from 'node:path/posix';
import { parseXml } from './xml';
import type { SafeZip } from './zip';

export interface WorkbookInfo {
  /** Zip path of the sheet to read. */
  sheet: string;
  /** Mac Excel's 1904 date system: serials count from 1904-01-01 instead of 1899-12-30. */
  date1904: boolean;
}

interface SheetRef {
  relId: string;
  hidden: boolean;
}

/**
 * The first visible worksheet (what the creditor sees first when opening the file), resolved through the
 * workbook's relationships; the conventional sheet1.xml when those are missing or odd.
 */
export async function readWorkbook(zip: SafeZip): Promise<WorkbookInfo> {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await parseXml(zip.text('xl/workbook.xml'), 'xl/workbook.xml', {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name !== 'sheet') return;
      const relKey = Object.keys(attributes).find((k) => k.endsWith(':id'));
      const state = attributes.state ?? 'visible';
      if (relKey) sheets.push({ relId: attributes[relKey]!, hidden: state !== 'visible' });
    },
  });

  const targets = new Map<string, string>();
  const rels = 'xl/_rels/workbook.xml.rels';
  if (zip.has(rels)) {
    await parseXml(zip.text(rels), rels, {
      open(name, attributes) {
        // Chart sheets and dialog sheets are sheets too, but hold no table.
        if (
          name === 'Relationship' &&
          attributes.Id &&
          attributes.Target &&
          /\/worksheet$/.test(attributes.Type ?? '')
        ) {
          targets.set(attributes.Id, resolveTarget(attributes.Target));
        }
      },
    });
  }
  const ordered = [...sheets.filter((s) => !s.hidden), ...sheets.filter((s) => s.hidden)];
  const sheet = ordered.map((s) => targets.get(s.relId)).find((t): t is string => t !== undefined && zip.has(t));
  return { sheet: sheet ?? 'xl/worksheets/sheet1.xml', date1904 };
}

function resolveTarget(target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.normalize(path.join('xl', target));
}
