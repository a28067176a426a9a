import { expect } from 'vitest';
import { ScimError } from '../../src/scim/scim-error.js';

/** Runs `action`, which must throw a ScimError, and returns that error for the test to inspect. */
export function scimErrorOf(action: () => unknown): ScimError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error('expected a ScimError, but nothing was thrown');
}
