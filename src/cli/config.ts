import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE, loadConfig } from '../config/load.js';
import { ResidueError } from '../model/errors.js';
import type { CliIo } from './io.js';
import { parseSize } from './output.js';

/**
 * Fills the options the command line did not set from `--config FILE`, or from residue.config.yaml in the
 * working directory when there is one. Flags always win over the file; the file wins over defaults.
 */
export function applyConfig(cmd: Command, io: CliIo): void {
  const given = cmd.getOptionValue('config') as string | undefined;
  const file = given ? resolve(io.cwd, given) : join(io.cwd, CONFIG_FILE);
  if (!given && !existsSync(file)) return;
  const values = loadConfig(file, parseSize);
  const known = new Set(cmd.options.map((o) => o.attributeName()));
  for (const [option, value] of Object.entries(values)) {
    if (!known.has(option)) {
      throw new ResidueError('CONFIG', { key: option, detail: 'not supported by this command' }, { file });
    }
    const source = cmd.getOptionValueSource(option);
    if (source === 'cli' || source === 'env') continue;
    cmd.setOptionValueWithSource(option, value, 'config');
  }
}
