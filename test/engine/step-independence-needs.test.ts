import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';

/* `needs:` names earlier steps by their `name:`; a typo or a forward reference is a load-time diagnostic at its position. */

const scenario = (needs: string) => `name: needs
steps:
  - name: first
    request: { method: GET, path: /Users }
  - name: second
    needs: ${needs}
    request: { method: GET, path: /Users }
  - name: third
    request: { method: GET, path: /Users }
`;

describe('needs: at load time', () => {
  it('accepts one earlier step name or a list of them', () => {
    const one = loadScenarioText(scenario('first'), 'one.yaml');
    expect(one.diagnostics).toEqual([]);
    const step = one.scenario!.steps[1]!;
    expect(step.action === 'request' && step.needs).toEqual(['first']);
    expect(loadScenarioText(scenario('[first]'), 'list.yaml').diagnostics).toEqual([]);
  });

  it('points at a name no earlier step has, with a did-you-mean', () => {
    const { diagnostics } = loadScenarioText(scenario('frist'), 'typo.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'invalid-value',
        title: 'step 2 needs "frist", which is not the name of an earlier step',
        span: expect.objectContaining({ line: 6 }),
        hint: expect.stringContaining('first'),
      }),
    ]);
  });

  it('refuses a step that runs later', () => {
    const { diagnostics } = loadScenarioText(scenario('third'), 'later.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        title: 'step 2 needs "third", which is not the name of an earlier step',
        hint: '"third" is step 3; a step can only need steps that run before it',
      }),
    ]);
  });
});
