import { expect } from 'vitest';
import { ScimError, type ScimType } from '../../src/scim/scim-error.js';

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

/** Runs `action`, which must throw a 400 ScimError of `scimType` whose message contains `detail`. */
export function expectBadRequest(action: () => unknown, scimType: ScimType, detail: string): ScimError {
  const error = scimErrorOf(action);
  expect(error.status).toBe(400);
  expect(error.scimType).toBe(scimType);
  expect(error.message).toContain(detail);
  return error;
}
