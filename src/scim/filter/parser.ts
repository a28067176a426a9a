import type { AttributeReference } from '../resource-type.js';
import { COMPARE_OPERATORS, type FilterNode, type FilterValue, isCompareOperator } from './ast.js';
import { isAttributeName, parseAttributePath } from './attribute-reference.js';
import { type Token, tokenize } from './lexer.js';
import { FILTER_LIMITS } from './limits.js';
import { quoteToken, type SyntaxErrorFactory } from './syntax-error.js';

// JSON number (RFC 8259 §6), the only numeric form `compValue` allows.
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const OPERATOR_LIST = `${COMPARE_OPERATORS.join(', ')}, pr`;

/**
 * Recursive-descent parser for the FILTER rule of RFC 7644 §3.4.2.2. Precedence follows the RFC:
 * grouping, then `not`, then `and`, then `or`. Keywords and operators are case-insensitive because
 * ABNF quoted strings are (RFC 5234 §2.3). Nesting depth is bounded (see FILTER_LIMITS).
 */
export class FilterParser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(
    text: string,
    private readonly fail: SyntaxErrorFactory,
    private readonly inputName: 'filter' | 'path',
  ) {
    this.tokens = tokenize(text, fail);
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  /** Throws "unexpected X at position N: expected …" for the given token. */
  unexpected(token: Token, expected: string): never {
    const what = token.type === 'end' ? `end of ${this.inputName}` : quoteToken(token.text);
    throw this.fail(`unexpected ${what} at position ${token.position}: expected ${expected}`);
  }

  expect(type: Token['type'], expected: string): Token {
    const token = this.peek();
    if (token.type !== type) this.unexpected(token, expected);
    return this.next();
  }

  /** FILTER, or valFilter when `inValuePath` (inside `[…]`, where value paths may not nest). */
  parseOr(depth: number, inValuePath: boolean): FilterNode {
    let left = this.parseAnd(depth, inValuePath);
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd(depth, inValuePath) };
    }
    return left;
  }

  /** Expects the end of input after a complete filter. */
  expectEnd(): void {
    const token = this.peek();
    if (token.type !== 'end') this.unexpected(token, `"and", "or" or the end of the ${this.inputName}`);
  }

  /** The closer after a parenthesised or bracketed filter, with a detail naming what may come instead. */
  expectCloser(closer: ')' | ']'): void {
    this.expect(closer, `"and", "or" or "${closer}"`);
  }

  private parseAnd(depth: number, inValuePath: boolean): FilterNode {
    let left = this.parseUnary(depth, inValuePath);
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary(depth, inValuePath) };
    }
    return left;
  }

  private parseUnary(depth: number, inValuePath: boolean): FilterNode {
    const token = this.peek();
    if (token.type === '(') {
      this.enter(depth, token);
      this.next();
      const inner = this.parseOr(depth + 1, inValuePath);
      this.expectCloser(')');
      return inner;
    }
    if (token.type === 'word' && this.isKeyword(token, 'not')) {
      const following = this.peek(1);
      if (following.type === '(') {
        this.enter(depth, token);
        this.next();
        this.next();
        const operand = this.parseOr(depth + 1, inValuePath);
        this.expectCloser(')');
        return { kind: 'not', operand };
      }
      // `not` is also a valid attribute name, so only reject it when no operator follows.
      if (following.type !== 'word' || !this.isOperator(following.text)) {
        this.unexpected(following, '"(" after "not" (RFC 7644 §3.4.2.2 writes negation as not (…))');
      }
    }
    if (token.type !== 'word') {
      this.unexpected(token, 'an attribute name, "(" or "not"');
    }
    return this.parseAttributeExpression(depth, inValuePath);
  }

  /** attrExp or valuePath, starting at an attribute path word. */
  private parseAttributeExpression(depth: number, inValuePath: boolean): FilterNode {
    const word = this.next();
    const attribute = parseAttributePath(word.text, word.position, this.fail);
    const bracket = this.peek();
    if (bracket.type !== '[') return this.parseOperatorAndValue(attribute);

    if (inValuePath) throw this.fail(`unexpected "[" at position ${bracket.position}: value filters cannot be nested`);
    const filter = this.parseValueFilter(attribute, word, depth);
    const following = this.peek();
    if (following.type === 'word' && following.text.startsWith('.')) {
      // `emails[type eq "work"].value eq "x"` is not in the RFC 7644 §3.4.2.2 grammar, but Entra ID
      // can send it (IDP-NOTES.md). It means the same element must satisfy both, so it is read as
      // `emails[type eq "work" and value eq "x"]`.
      this.next();
      const subAttribute = this.parseSubAttributeWord(following);
      const comparison = this.parseOperatorAndValue({ attribute: subAttribute });
      return { kind: 'valuePath', attribute, filter: { kind: 'and', left: filter, right: comparison } };
    }
    return { kind: 'valuePath', attribute, filter };
  }

  /** `[valFilter]` after an attribute path; the caller has seen the `[`. */
  parseValueFilter(attribute: AttributeReference, word: Token, depth: number): FilterNode {
    const bracket = this.peek();
    if (attribute.subAttribute !== undefined) {
      throw this.fail(
        `unexpected "[" at position ${bracket.position}: a value filter follows a complex attribute, not the sub-attribute ${quoteToken(word.text)}`,
      );
    }
    this.enter(depth, bracket);
    this.next();
    const filter = this.parseOr(depth + 1, true);
    this.expectCloser(']');
    return filter;
  }

  /** Reads `.subAttr` (a word starting with a dot) after `]`. */
  parseSubAttributeWord(token: Token): string {
    const name = token.text.slice(1);
    if (!isAttributeName(name)) {
      throw this.fail(
        `invalid sub-attribute name ${quoteToken(name)} at position ${token.position + 1}: expected a letter followed by letters, digits, "-" or "_"`,
      );
    }
    return name;
  }

  private parseOperatorAndValue(attribute: AttributeReference): FilterNode {
    const token = this.peek();
    if (token.type !== 'word' || !this.isOperator(token.text)) {
      this.unexpected(token, `an operator (${OPERATOR_LIST})`);
    }
    this.next();
    const operator = token.text.toLowerCase();
    if (operator === 'pr') return { kind: 'present', attribute };
    if (!isCompareOperator(operator)) this.unexpected(token, `an operator (${OPERATOR_LIST})`);
    return { kind: 'compare', attribute, operator, value: this.parseValue() };
  }

  private parseValue(): FilterValue {
    const token = this.next();
    if (token.type === 'string') return token.value;
    if (token.type === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      if (JSON_NUMBER.test(token.text)) {
        const number = Number(token.text);
        if (Number.isFinite(number)) return number;
      }
    }
    this.unexpected(token, 'a value (a quoted string, a number, true, false or null)');
  }

  private isOperator(text: string): boolean {
    const lower = text.toLowerCase();
    return lower === 'pr' || isCompareOperator(lower);
  }

  private isKeyword(token: Token, keyword: 'and' | 'or' | 'not'): boolean {
    return token.type === 'word' && token.text.toLowerCase() === keyword;
  }

  private enter(depth: number, token: Token): void {
    if (depth >= FILTER_LIMITS.maxDepth) {
      throw this.fail(
        `nested too deeply at position ${token.position}: at most ${FILTER_LIMITS.maxDepth} levels of parentheses, not (…) and value filters are accepted`,
      );
    }
  }
}
