import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { loadScenarios } from '../load-scenarios.js';
import { resolveScenarioPaths } from '../scenario-paths.js';

/** `scim-check validate FILES`: lint scenario files against the published schema; nothing is sent. */
export async function validateCommand(paths: string[], io: CliIo): Promise<number> {
  const files = resolveScenarioPaths(paths, io.cwd);
  const loaded = await loadScenarios(files, io);
  const valid = new Set(loaded.scenarios.map((scenario) => scenario.file));
  for (const file of files) if (valid.has(file.display)) io.stdout.write(`ok  ${file.display}\n`);
  if (loaded.errorCount > 0) {
    io.stderr.write(
      `${loaded.errorCount} error${loaded.errorCount === 1 ? '' : 's'} in ${files.length - valid.size} of ${files.length} file${files.length === 1 ? '' : 's'}\n`,
    );
    return EXIT.usage;
  }
  return EXIT.ok;
}
