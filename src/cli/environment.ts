/**
 * The only place that reads process.env (STYLE.md): everything downstream gets plain values,
 * so tests can drive the CLI with any environment.
 */
export interface CliEnvironment {
  baseUrl: string | undefined;
  token: string | undefined;
  /** NO_COLOR set (to anything non-empty): no colour unless --color. https://no-color.org */
  noColor: boolean;
  /** FORCE_COLOR: '0' forces colour off, anything else on. */
  forceColor: boolean | undefined;
  /** CI=true or GITHUB_ACTIONS: no spinners even on a TTY. */
  ci: boolean;
  /** All variables, for `{{env.NAME}}` in scenarios that opt in with `env: [NAME]`. */
  variables: Record<string, string | undefined>;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  const forceColor = env.FORCE_COLOR;
  return {
    baseUrl: env.SCIM_CHECK_BASE_URL || undefined,
    token: env.SCIM_CHECK_TOKEN || undefined,
    noColor: (env.NO_COLOR ?? '') !== '',
    forceColor: forceColor === undefined ? undefined : forceColor !== '0' && forceColor !== 'false',
    ci: (env.CI ?? '') !== '' && env.CI !== 'false' || env.GITHUB_ACTIONS === 'true',
    variables: { ...env },
  };
}
