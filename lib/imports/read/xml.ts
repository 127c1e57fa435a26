import { SaxesParser } from 'saxes';
import { AppError } from '../../errors/app-error';
import { refuse } from './refuse';

export interface XmlHandlers {
  /** Element names come without their namespace prefix (`x:row` → `row`). */
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

// Excel caps a cell at 32,767 characters (about 200 KB escaped); any XML run past these is an attack.
const MAX_PENDING_CHARS = 1024 * 1024;
const MAX_DEPTH = 64;

/**
 * Streams one XML part through saxes, yielding after each chunk so a caller can hand out what the handlers
 * collected before the next chunk is read. saxes buffers text, names and tags until they end; the guards
 * keep a crafted part (endless text, attributes or nesting) from growing that buffer without bound.
 */
export async function* xmlChunks(
  chunks: AsyncIterable<string>,
  part: string,
  on: XmlHandlers,
  refuseWith: Refusal = refuse,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  // saxes never fetches an external entity, but a DTD has no place in the formats read here: refused outright.
  parser.on('doctype', () => {
    throw refuseWith('doctype', { part });
  });
  parser.on('opentag', (tag) => {
    if (++depth > MAX_DEPTH) throw refuseWith('nestedTooDeeply', { part });
    on.open?.(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    depth--;
    on.close?.(localName(tag.name));
  });
  if (on.text) parser.on('text', on.text);
  let sinceMarkup = 0;
  try {
    for await (const chunk of chunks) {
      const lastOpen = chunk.lastIndexOf('<');
      sinceMarkup = lastOpen < 0 ? sinceMarkup + chunk.length : chunk.length - lastOpen;
      parser.write(chunk);
      if (sinceMarkup > MAX_PENDING_CHARS || pendingText(parser) > MAX_PENDING_CHARS) {
        throw refuseWith('valueTooLarge', { part });
      }
      yield;
    }
    parser.close();
  } catch (error) {
    throw error instanceof AppError ? error : refuseWith('invalidXml', { part });
  }
}

export async function parseXml(chunks: AsyncIterable<string>, part: string, on: XmlHandlers): Promise<void> {
  for await (const _ of xmlChunks(chunks, part, on));
}

/** How a reader words its refusals (`nestedTooDeeply`, `valueTooLarge`, `invalidXml`, `doctype`, with `part`). */
export type Refusal = (key: string, values: Record<string, string>) => AppError;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

// saxes keeps what it has read of an unfinished text, comment or CDATA in a private field; the '<' count
// above misses those that contain '<' themselves (comments, CDATA), so look at the buffer directly.
function pendingText(parser: SaxesParser): number {
  const text: unknown = Reflect.get(parser, 'text');
  return typeof text === 'string' ? text.length : 0;
}
