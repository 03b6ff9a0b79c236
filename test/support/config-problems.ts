import { ConfigError, loadConfig } from '../../src/config/config.js';

/** What loadConfig refuses in `env`, one line per problem (none: it loads). */
export function configProblems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : ['not a ConfigError'];
  }
}
