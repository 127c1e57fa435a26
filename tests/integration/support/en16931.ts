import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { validateXML } from 'xmllint-wasm';

// The official checks of an EN 16931 CII invoice, offline (vendor/en16931/SOURCE.md says where each comes from):
// - the UN/CEFACT CII D16B schema (XSD), with libxml2's validator compiled to WebAssembly (xmllint-wasm), as the
//   pain.001 files are checked;
// - the CEN business rules (BR-*, BR-CO-*, BR-S-*, …) and CII syntax rules, the Schematron the European Commission
//   publishes compiled to XSLT 2.0, run by SaxonJS (the xslt3 package, a dev dependency): compiled once per
//   machine into the temporary directory, since the compilation takes most of a minute.

const VENDOR = path.join(process.cwd(), 'vendor', 'en16931');
const XSD_DIR = path.join(VENDOR, 'cii');
const XSD_FILES = [
  'CrossIndustryInvoice_100pD16B.xsd',
  'CrossIndustryInvoice_QualifiedDataType_100pD16B.xsd',
  'CrossIndustryInvoice_ReusableAggregateBusinessInformationEntity_100pD16B.xsd',
  'CrossIndustryInvoice_UnqualifiedDataType_100pD16B.xsd',
];
const RULES_XSLT = path.join(VENDOR, 'EN16931-CII-validation.xslt');

export async function checkCiiSchema(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const [main, ...imported] = await Promise.all(
    XSD_FILES.map(async (fileName) => ({ fileName, contents: await readFile(path.join(XSD_DIR, fileName), 'utf8') })),
  );
  // The main schema imports the three others by file name: they are preloaded under those names.
  const result = await validateXML({
    xml: [{ fileName: 'factur-x.xml', contents: xml }],
    schema: [main!],
    preload: imported,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage.trim()) };
}

export interface RuleBreach {
  id: string;
  flag: string;
  text: string;
}

let compiled: Promise<string> | undefined;
function compiledRules(): Promise<string> {
  compiled ??= (async () => {
    const source = await readFile(RULES_XSLT);
    const sef = path.join(
      tmpdir(),
      `en16931-cii-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.sef.json`,
    );
    const exists = await access(sef).then(
      () => true,
      () => false,
    );
    if (!exists) {
      const bin = path.join(process.cwd(), 'node_modules', '.bin', 'xslt3');
      await promisify(execFile)(bin, [`-xsl:${RULES_XSLT}`, `-export:${sef}`, '-nogo', '-relocate:on'], {
        maxBuffer: 16 * 1024 * 1024,
      });
    }
    return sef;
  })();
  return compiled;
}

/** Every assertion of the EN 16931 rules that fails on `xml`, fatal and warnings alike (SVRL failed-assert). */
export async function checkEn16931Rules(xml: string): Promise<RuleBreach[]> {
  const stylesheetFileName = await compiledRules();
  // SaxonJS ships no type declarations: the one call used here, typed.
  const SaxonJS = createRequire(import.meta.url)('saxon-js') as {
    transform(options: object, mode: 'async'): Promise<{ principalResult: string }>;
  };
  const { principalResult } = await SaxonJS.transform(
    { stylesheetFileName, sourceText: xml, destination: 'serialized' },
    'async',
  );
  const breaches: RuleBreach[] = [];
  for (const match of principalResult.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
    const attrs = match[1]!;
    breaches.push({
      id: /\bid="([^"]*)"/.exec(attrs)?.[1] ?? '?',
      flag: /\bflag="([^"]*)"/.exec(attrs)?.[1] ?? '?',
      text: (/<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(match[2]!)?.[1] ?? '').trim(),
    });
  }
  return breaches;
}
