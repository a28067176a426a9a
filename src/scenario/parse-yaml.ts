import { isAlias, isScalar, LineCounter, type Node, parseDocument, visit } from 'yaml';
import { type Diagnostic, errorAt } from './diagnostic.js';
import { SourceMap } from './source-map.js';
import { cleanMessage, diagnosticOfYamlError, lowerFirst } from './yaml-errors.js';

/**
 * Alias expansions allowed when converting the document to data. A scenario has no use for
 * deep alias trees; the cap refuses "billion laughs" documents before they eat memory.
 */
export const MAX_ALIAS_COUNT = 100;

/** The parsed document: data for validation plus the source map for positions. */
export interface ParsedYaml {
  sourceMap: SourceMap;
  /** `doc.toJS()`; undefined when parsing failed. */
  data: unknown;
  diagnostics: Diagnostic[];
}

/** The first alias in the document that points at no earlier anchor, if any. */
function findUnresolvedAlias(sourceMap: SourceMap): Node | undefined {
  let found: Node | undefined;
  visit(sourceMap.document, {
    Alias(_key, node) {
      if (node.resolve(sourceMap.document) === undefined) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstAlias(sourceMap: SourceMap): Node | undefined {
  let found: Node | undefined;
  visit(sourceMap.document, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** True when the document holds nothing but comments and whitespace. */
function isEmptyDocument(contents: unknown): boolean {
  return (
    contents === null || contents === undefined || (isScalar(contents) && contents.value === null && !isAlias(contents))
  );
}

/**
 * Parses scenario text with positions (LineCounter), strict duplicate-key checking and an alias cap.
 * YAML errors stop here: validating a half-parsed document only produces confusing follow-ups.
 */
export function parseScenarioYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  // logLevel 'error': yaml would otherwise print a Node warning for a collection key (`[a]: 1`)
  // straight to the process's stderr; the schema check reports that key as a diagnostic instead.
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    logLevel: 'error',
  });
  const sourceMap = new SourceMap(document, lineCounter, file);
  const diagnostics: Diagnostic[] = [];
  let syntaxErrorSeen = false;
  for (const error of document.errors) {
    // One syntax slip often yields a cascade of follow-up errors; the first explains it.
    // Duplicate keys are independent of each other and of syntax errors, so all are reported.
    if (error.code !== 'DUPLICATE_KEY') {
      if (syntaxErrorSeen) continue;
      syntaxErrorSeen = true;
    }
    diagnostics.push(diagnosticOfYamlError(error, sourceMap, text));
  }
  for (const warning of document.warnings) {
    diagnostics.push({
      severity: 'warning',
      code: 'yaml-warning',
      title: lowerFirst(cleanMessage(warning.message)),
      span: sourceMap.spanOfOffsets(warning.pos[0], warning.pos[1]),
    });
  }
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    return { sourceMap, data: undefined, diagnostics };
  if (isEmptyDocument(document.contents)) {
    const title = /^\s*#/m.test(text) ? 'scenario file holds only comments' : 'scenario file is empty';
    diagnostics.push(
      errorAt(
        'empty',
        title,
        sourceMap.spanOfOffsets(0, Math.min(1, text.length)),
        'a scenario needs at least `name:` and `steps:`; `scim-check list` shows built-in examples',
      ),
    );
    return { sourceMap, data: undefined, diagnostics };
  }
  const unresolved = findUnresolvedAlias(sourceMap);
  if (unresolved !== undefined) {
    const name = isAlias(unresolved) ? unresolved.source : '';
    diagnostics.push(
      errorAt(
        'alias',
        `alias *${name} refers to no anchor`,
        sourceMap.spanOf(unresolved),
        `define the anchor (&${name}) before this alias`,
      ),
    );
    return { sourceMap, data: undefined, diagnostics };
  }
  try {
    return { sourceMap, data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push(
      errorAt(
        'alias',
        /alias count/i.test(message)
          ? 'too many alias expansions; refusing to expand this document'
          : `cannot resolve aliases: ${lowerFirst(message)}`,
        sourceMap.spanOf(firstAlias(sourceMap)),
        `a scenario may expand aliases (*name) at most ${MAX_ALIAS_COUNT} times; write the values out instead`,
      ),
    );
    return { sourceMap, data: undefined, diagnostics };
  }
}
