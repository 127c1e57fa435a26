import PDFDocument from 'pdfkit';

/*
 * pdfkit gives every document its own StandardFont objects, and each one parses its face's AFM metrics again —
 * a few thousand kerning pairs per face — then measures and encodes every string glyph by glyph, looking kerning
 * up by string keys. With one PDF per letter that was a quarter of a letter's cost, for figures that never change.
 *
 * A LetterDocument lets pdfkit build each standard face the usual way once per process, then gives later documents
 * a font object of the same class that shares those parsed metrics and remembers, per face and across documents,
 * the two answers pdfkit would otherwise recompute: a string's width and its glyph encoding. Both memos call
 * pdfkit's own methods on a miss, so the output stays byte for byte what plain pdfkit writes (a unit test in
 * tests/unit/letters.test.ts holds that). Only what belongs to one document — the font's resource id and its PDF
 * dictionary — is per document.
 *
 * This leans on pdfkit 0.20 internals (`_fontFamilies`, `_fontCount`, `_font`, StandardFont's fields); when they are
 * not what it expects, it steps aside and pdfkit works as usual, only slower.
 */

const STANDARD_FACES = new Set([
  'Courier',
  'Courier-Bold',
  'Courier-BoldOblique',
  'Courier-Oblique',
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-BoldOblique',
  'Helvetica-Oblique',
  'Symbol',
  'Times-Bold',
  'Times-BoldItalic',
  'Times-Italic',
  'Times-Roman',
  'ZapfDingbats',
]);

/** What a document gets from pdfkit per font and must not share: its resource name and its PDF object. */
const PER_DOCUMENT = new Set(['document', 'id', 'dictionary', 'embedded']);

interface StandardFontMethods {
  widthOfString(text: string, size: number): number;
  encode(text: string): unknown;
}

interface FontInternals {
  _fontFamilies?: Record<string, object>;
  /** Faces a document registered under a standard name (an embedded font instead): pdfkit's own path. */
  _registeredFonts?: Record<string, unknown>;
  _fontCount?: number;
  _font?: (Record<string, unknown> & Partial<StandardFontMethods>) | null;
}

/**
 * A map that forgets what has not been asked for lately: when the young generation fills up it becomes the old
 * one, and what is still asked for moves back to the young. Names, addresses and amounts differ from letter to
 * letter; the words and lines of the templates come back in every one of them.
 */
class Memo<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: (key: string) => V): V {
    let value = this.young.get(key);
    if (value !== undefined) return value;
    value = this.old.get(key);
    if (value === undefined) value = compute(key);
    this.young.set(key, value);
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    return value;
  }
}

interface SharedFace {
  instantiate(doc: object, id: string): object;
}

const faces = new Map<string, SharedFace>();

function learnFace(name: string, font: FontInternals['_font']): SharedFace | null {
  if (!font || font.name !== name || typeof font.font !== 'object' || font.document == null) return null;
  const pdfkitClass = Object.getPrototypeOf(font) as StandardFontMethods;
  if (typeof pdfkitClass.widthOfString !== 'function' || typeof pdfkitClass.encode !== 'function') return null;
  const metrics: Record<string, unknown> = {};
  for (const key of Object.keys(font)) if (!PER_DOCUMENT.has(key)) metrics[key] = font[key];

  const widths = new Memo<number>(50_000);
  // An encoding holds an object per glyph: fewer of them.
  const encodings = new Memo<unknown>(5_000);
  const proto = Object.create(pdfkitClass, {
    widthOfString: {
      value(this: StandardFontMethods, text: string, size: number): number {
        // pdfkit returns (sum of advances) × size / 1000; at size 1000 that factor is exactly 1.
        return widths.get(`${text}`, (key) => pdfkitClass.widthOfString.call(this, key, 1000)) * (size / 1000);
      },
    },
    encode: {
      // pdfkit only reads the arrays it gets back (it copies before changing spacing), so they can be shared.
      value(this: StandardFontMethods, text: string): unknown {
        return encodings.get(`${text}`, (key) => pdfkitClass.encode.call(this, key));
      },
    },
  }) as object;
  return {
    instantiate(doc, id) {
      return Object.assign(Object.create(proto) as object, { document: doc, id }, metrics);
    },
  };
}

const PdfkitDocument = PDFDocument as unknown as new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;

type LooseFont = (this: PDFKit.PDFDocument, ...args: unknown[]) => PDFKit.PDFDocument;

export class LetterDocument extends PdfkitDocument {
  font(src: PDFKit.Mixins.PDFFontSource, familyOrSize?: string | number, size?: number): this {
    const internals = this as unknown as FontInternals;
    const families = internals._fontFamilies;
    const plain =
      typeof src === 'string' &&
      typeof familyOrSize !== 'string' &&
      STANDARD_FACES.has(src) &&
      !internals._registeredFonts?.[src];
    if (plain && families && !families[src] && typeof internals._fontCount === 'number') {
      const face = faces.get(src);
      if (face) {
        // Registered where pdfkit would look first, with the id pdfkit would have given it at this point.
        internals._fontCount += 1;
        families[src] = face.instantiate(this, `F${internals._fontCount}`);
      } else {
        (super.font as unknown as LooseFont).call(this, src, familyOrSize, size);
        const learnt = learnFace(src, internals._font);
        if (learnt) faces.set(src, learnt);
        return this;
      }
    }
    (super.font as unknown as LooseFont).call(this, src, familyOrSize, size);
    return this;
  }
}

/** Whether documents share parsed metrics for this face yet (false until one document has used it). */
export function sharesFace(name: string): boolean {
  return faces.has(name);
}
