import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { SourceSpan } from '../errors.js';

/** A path into the scenario's data, as JSON Pointer segments (map keys and list indexes). */
export type DataPath = readonly (string | number)[];

/** The YAML nodes found for a data path: the value node and, for a mapping entry, its key node. */
export interface LocatedNode {
  node: Node | undefined;
  key: Node | undefined;
}

/** Decodes an ajv `instancePath` (a JSON Pointer, RFC 6901) into segments. */
export function parseInstancePath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Maps data paths and byte offsets back to `file:line:col` through the parsed YAML document,
 * so every diagnostic points at the node that caused it.
 */
export class SourceMap {
  constructor(
    readonly document: Document,
    private readonly lineCounter: LineCounter,
    readonly file: string,
  ) {}

  /** Span from a start offset to an optional end offset (exclusive). */
  spanOfOffsets(start: number, end?: number): SourceSpan {
    const from = this.lineCounter.linePos(start);
    const span: SourceSpan = { file: this.file, line: from.line, column: from.col };
    if (end !== undefined && end > start) {
      const to = this.lineCounter.linePos(end);
      span.endLine = to.line;
      span.endColumn = to.col;
    }
    return span;
  }

  /** Span of a node's value (without trailing comments); 1:1 when the node has no range. */
  spanOf(node: Node | undefined): SourceSpan {
    if (node?.range === undefined || node.range === null) return { file: this.file, line: 1, column: 1 };
    return this.spanOfOffsets(node.range[0], node.range[1]);
  }

  /** Follows aliases to the node they point at (aliases only ever point backwards). */
  resolve(node: unknown): Node | undefined {
    if (isAlias(node)) return node.resolve(this.document) as Node | undefined;
    return (node ?? undefined) as Node | undefined;
  }

  /** The nodes at a data path, or the deepest existing ancestor when the path runs out. */
  locate(path: DataPath): LocatedNode {
    let node = this.resolve(this.document.contents);
    let key: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
        if (pair === undefined) break;
        key = pair.key as Node | undefined;
        node = this.resolve(pair.value);
        // `key:` with nothing after it has no value node; point at the key instead.
        if (node === undefined) {
          node = key;
          break;
        }
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) break;
        key = undefined;
        node = this.resolve(item);
      } else {
        break;
      }
    }
    return { node, key };
  }

  /** Span of the value at a data path. */
  spanAt(path: DataPath): SourceSpan {
    return this.spanOf(this.locate(path).node);
  }

  /** Span of the key of the mapping entry at a data path (the value when it has no key). */
  keySpanAt(path: DataPath): SourceSpan {
    const located = this.locate(path);
    return this.spanOf(located.key ?? located.node);
  }
}

/** The text a mapping key stands for, as `toJS` would turn it into an object key. */
export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
