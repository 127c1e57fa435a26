import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

// The ISO 20022 schema of pain.001.001.09 (vendor/iso20022/SOURCE.md says where it comes from), checked with
// libxml2's own XSD validator compiled to WebAssembly (xmllint-wasm): the reference implementation of XML Schema
// checks most banks' portals run, without a native build or a system package on the machine.

const XSD_FILE = 'pain.001.001.09.xsd';
let schema: Promise<string> | undefined;

function loadSchema(): Promise<string> {
  // Beside the standalone server (traced into it, next.config.js) or at the root of a checkout: the same path.
  schema ??= readFile(/*turbopackIgnore: true*/ path.join(process.cwd(), 'vendor', 'iso20022', XSD_FILE), 'utf8');
  return schema;
}

export interface SchemaCheck {
  valid: boolean;
  /** libxml2's messages, with their line numbers. */
  errors: string[];
}

export async function checkPain001(xml: string): Promise<SchemaCheck> {
  const result = await validateXML({
    xml: [{ fileName: 'pain001.xml', contents: xml }],
    schema: [{ fileName: XSD_FILE, contents: await loadSchema() }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage.trim()) };
}

/**
 * Throws when the file does not pass the schema. A file the application wrote from checked values should always
 * pass, so a failure is a bug to see in the logs, never a file to hand to a bank.
 */
export async function assertValidPain001(xml: string): Promise<void> {
  const check = await checkPain001(xml);
  if (!check.valid) throw new Error(`pain.001 refused by the ISO 20022 schema: ${check.errors.join(' | ')}`);
}
