import type { AttributeReference } from '../resource-type.js';
import { quoteToken, type SyntaxErrorFactory, syntaxErrorFactory } from './syntax-error.js';

// ATTRNAME = ALPHA *(nameChar); nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7643 §2.1, RFC 7644 §3.10).
// `$ref` is the one name outside that rule that RFC 7643 itself uses (§2.3.7).
const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;
// A schema URI: a scheme, then at least one more character (RFC 3986 §3.1); in practice `urn:…`.
const SCHEMA_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/** True when `name` is a valid ATTRNAME (or `$ref`). */
export function isAttributeName(name: string): boolean {
  return ATTRIBUTE_NAME.test(name);
}

/**
 * Parses `[URI ":"] ATTRNAME [ "." ATTRNAME ]` (RFC 7644 §3.10, `attrPath` in §3.4.2.2).
 * Schema URNs contain `:` and `.` themselves (`…:enterprise:2.0:User`), so the URN is everything
 * up to the last `:`, and only what follows it is split on `.`.
 * `position` is where `text` starts in the whole input, for error details.
 */
export function parseAttributePath(text: string, position: number, fail: SyntaxErrorFactory): AttributeReference {
  const lastColon = text.lastIndexOf(':');
  let schema: string | undefined;
  let path = text;
  let pathPosition = position;
  if (lastColon >= 0) {
    schema = text.slice(0, lastColon);
    path = text.slice(lastColon + 1);
    pathPosition = position + lastColon + 1;
    if (!SCHEMA_URI.test(schema)) {
      throw fail(
        `unexpected ${quoteToken(text)} at position ${position}: expected an attribute name, optionally prefixed by a schema URN such as "urn:ietf:params:scim:schemas:core:2.0:User:"`,
      );
    }
    if (path === '') {
      throw fail(
        `missing attribute name after the schema URN at position ${pathPosition}: expected an attribute name after the last ":"`,
      );
    }
  }
  const parts = path.split('.');
  if (parts.length > 2) {
    throw fail(
      `unexpected ${quoteToken(text)} at position ${position}: an attribute path has at most one sub-attribute (attribute.subAttribute)`,
    );
  }
  let offset = pathPosition;
  for (const part of parts) {
    if (!isAttributeName(part)) {
      const shown = part === '' ? 'an empty name' : quoteToken(part);
      throw fail(
        `invalid attribute name ${shown} at position ${offset}: expected a letter followed by letters, digits, "-" or "_"`,
      );
    }
    offset += part.length + 1;
  }
  const reference: AttributeReference = { attribute: parts[0] as string };
  if (schema !== undefined) reference.schema = schema;
  if (parts[1] !== undefined) reference.subAttribute = parts[1];
  return reference;
}

const failAttributeValue = syntaxErrorFactory('Invalid attribute name', 'invalidValue');

/**
 * Parses one attribute reference as used in `attributes=`, `excludedAttributes=` and `sortBy`
 * (RFC 7644 §3.4.2.3, §3.4.2.5, §3.10). Surrounding white space is ignored.
 * Throws ScimError(400, 'invalidValue').
 */
export function parseAttributeReference(text: string): AttributeReference {
  const trimmed = text.trim();
  if (trimmed === '') throw failAttributeValue('the attribute name is empty');
  const leading = text.length - text.trimStart().length;
  if (/[\s()[\]"]/.test(trimmed)) {
    const at = trimmed.search(/[\s()[\]"]/);
    throw failAttributeValue(
      `unexpected ${quoteToken(trimmed.slice(at, at + 1))} at position ${leading + at}: expected a plain attribute path such as "name.givenName"`,
    );
  }
  return parseAttributePath(trimmed, leading, failAttributeValue);
}

/** Writes a reference back in `[URI ":"] attr[.sub]` form, for error details and logs. */
export function formatAttributeReference(reference: AttributeReference): string {
  const prefix = reference.schema === undefined ? '' : `${reference.schema}:`;
  const suffix = reference.subAttribute === undefined ? '' : `.${reference.subAttribute}`;
  return `${prefix}${reference.attribute}${suffix}`;
}
