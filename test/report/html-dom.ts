/*
 * A small HTML parser for the HTML report tests: tags, attributes (quoted or not, entity-decoded),
 * text, void elements, and the raw text of <script> and <style>, into a tree with a few
 * CSS-like queries. Written for reading what scim-check writes, with the same tokenising rules a
 * browser applies to it (WHATWG HTML §13.2.5, simplified): markup that escaped by mistake would
 * show up here as an element or an attribute, which is what the safety tests look for. No
 * dependency: the project has no HTML parser, and the browser tests (test/browser) use Chromium.
 */

export interface Element {
  tag: string;
  attributes: Map<string, string>;
  children: Node[];
  parent: Element | undefined;
}

export type Node = Element | { text: string };

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references as a browser decodes them in text and attribute values. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (match, body: string) => {
    if (body[0] === '#')
      return String.fromCodePoint(
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10),
      );
    return NAMED[body] ?? match;
  });
}

const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/** Parses a whole document; the root is a synthetic `#document` element. */
export function parseHtml(source: string): Element {
  const root: Element = { tag: '#document', attributes: new Map(), children: [], parent: undefined };
  let current = root;
  let index = 0;
  const text = (value: string): void => {
    if (value !== '') current.children.push({ text: decodeEntities(value) });
  };
  while (index < source.length) {
    const open = source.indexOf('<', index);
    if (open === -1) {
      text(source.slice(index));
      break;
    }
    text(source.slice(index, open));
    if (source.startsWith('<!--', open)) {
      const end = source.indexOf('-->', open + 4);
      index = end === -1 ? source.length : end + 3;
      continue;
    }
    if (source.startsWith('<!', open)) {
      index = source.indexOf('>', open) + 1;
      continue;
    }
    const closing = /^<\/([A-Za-z][A-Za-z0-9-]*)\s*>/.exec(source.slice(open, open + 100));
    if (closing) {
      const tag = closing[1]!.toLowerCase();
      for (let element: Element | undefined = current; element !== undefined; element = element.parent) {
        if (element.tag === tag) {
          current = element.parent ?? root;
          break;
        }
      }
      index = open + closing[0].length;
      continue;
    }
    const name = /^<([A-Za-z][A-Za-z0-9-]*)/.exec(source.slice(open, open + 100));
    if (!name) {
      // A `<` that starts no tag is text, as in a browser.
      text('<');
      index = open + 1;
      continue;
    }
    const element: Element = { tag: name[1]!.toLowerCase(), attributes: new Map(), children: [], parent: current };
    let cursor = open + name[0].length;
    for (;;) {
      ATTRIBUTE.lastIndex = cursor;
      const match = ATTRIBUTE.exec(source);
      if (!match) break;
      const key = match[1]!.toLowerCase();
      if (!element.attributes.has(key))
        element.attributes.set(key, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
      cursor = ATTRIBUTE.lastIndex;
    }
    const end = source.indexOf('>', cursor);
    index = end === -1 ? source.length : end + 1;
    current.children.push(element);
    if (VOID.has(element.tag)) continue;
    if (RAW_TEXT.has(element.tag)) {
      const close = source.toLowerCase().indexOf(`</${element.tag}`, index);
      const raw = source.slice(index, close === -1 ? source.length : close);
      element.children.push({ text: element.tag === 'script' || element.tag === 'style' ? raw : decodeEntities(raw) });
      index = close === -1 ? source.length : source.indexOf('>', close) + 1;
      continue;
    }
    current = element;
  }
  return root;
}

function isElement(node: Node): node is Element {
  return 'tag' in node;
}

/** Every element under `root`, in document order. */
export function elements(root: Element): Element[] {
  const found: Element[] = [];
  const visit = (element: Element): void => {
    for (const child of element.children)
      if (isElement(child)) {
        found.push(child);
        visit(child);
      }
  };
  visit(root);
  return found;
}

/** One compound selector: `tag#id.class[attr][attr=value]`. */
function matches(element: Element, compound: string): boolean {
  const parts = compound.match(/^[a-z0-9]+|#[^.#[]+|\.[^.#[]+|\[[^\]]+\]/gi) ?? [];
  for (const part of parts) {
    if (part.startsWith('#')) {
      if (element.attributes.get('id') !== part.slice(1)) return false;
    } else if (part.startsWith('.')) {
      if (!(element.attributes.get('class') ?? '').split(/\s+/).includes(part.slice(1))) return false;
    } else if (part.startsWith('[')) {
      const [, key, value] = /^\[([^=\]]+)(?:="?([^"\]]*)"?)?\]$/.exec(part) ?? [];
      if (key === undefined || !element.attributes.has(key)) return false;
      if (value !== undefined && element.attributes.get(key) !== value) return false;
    } else if (element.tag !== part.toLowerCase()) return false;
  }
  return true;
}

/** Elements matching a selector of compounds joined by spaces (descendant combinator), in document order. */
export function select(root: Element, selector: string): Element[] {
  const compounds = selector.trim().split(/\s+/);
  return elements(root).filter((element) => {
    if (!matches(element, compounds.at(-1)!)) return false;
    let ancestor = element.parent;
    for (let index = compounds.length - 2; index >= 0; index--) {
      while (ancestor !== undefined && !matches(ancestor, compounds[index]!)) ancestor = ancestor.parent;
      if (ancestor === undefined) return false;
      ancestor = ancestor.parent;
    }
    return true;
  });
}

/** The one element matching `selector`; throws when there is none. */
export function one(root: Element, selector: string): Element {
  const found = select(root, selector)[0];
  if (found === undefined) throw new Error(`no element matches ${selector}`);
  return found;
}

/** The text content, as `textContent` gives it. */
export function textOf(node: Node): string {
  return isElement(node) ? node.children.map(textOf).join('') : node.text;
}

/** The nearest ancestor (or the element itself) matching a compound selector. */
export function closest(element: Element, compound: string): Element | undefined {
  for (let current: Element | undefined = element; current !== undefined; current = current.parent)
    if (matches(current, compound)) return current;
  return undefined;
}
