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
  /**
   * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case, lower case first as curl does), handed to
   * undici's EnvHttpProxyAgent explicitly so nothing below the CLI reads the environment.
   */
  proxy: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
  /** GITHUB_ACTIONS=true: the github reporter switches on by itself. */
  githubActions: boolean;
  /** GITHUB_STEP_SUMMARY: the job-summary file the github reporter appends Markdown to. */
  githubStepSummary: string | undefined;
  /** All variables, for `{{env.NAME}}` in scenarios that opt in with `env: [NAME]`. */
  variables: Record<string, string | undefined>;
}

function readProxy(env: NodeJS.ProcessEnv): CliEnvironment['proxy'] {
  const pick = (name: string): string | undefined => env[name.toLowerCase()] || env[name] || undefined;
  const proxy: CliEnvironment['proxy'] = {};
  const httpProxy = pick('HTTP_PROXY');
  const httpsProxy = pick('HTTPS_PROXY');
  const noProxy = pick('NO_PROXY');
  if (httpProxy !== undefined) proxy.httpProxy = httpProxy;
  if (httpsProxy !== undefined) proxy.httpsProxy = httpsProxy;
  if (noProxy !== undefined) proxy.noProxy = noProxy;
  return proxy;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  const forceColor = env.FORCE_COLOR;
  return {
    baseUrl: env.SCIM_CHECK_BASE_URL || undefined,
    token: env.SCIM_CHECK_TOKEN || undefined,
    noColor: (env.NO_COLOR ?? '') !== '',
    forceColor: forceColor === undefined ? undefined : forceColor !== '0' && forceColor !== 'false',
    ci: ((env.CI ?? '') !== '' && env.CI !== 'false') || env.GITHUB_ACTIONS === 'true',
    proxy: readProxy(env),
    githubActions: env.GITHUB_ACTIONS === 'true',
    githubStepSummary: env.GITHUB_STEP_SUMMARY || undefined,
    variables: { ...env },
  };
}
