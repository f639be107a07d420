import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE } from '../../config/load.js';
import { STARTER_CONFIG } from '../../config/starter.js';
import { ResidueError } from '../../model/errors.js';
import { EXIT } from '../../model/exit-codes.js';
import type { RegisterCommand } from './register.js';

export const registerInit: RegisterCommand = (program, io, exit) => {
  program
    .command('init')
    .description(`write a commented starter ${CONFIG_FILE} in the current folder`)
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  residue init && $EDITOR residue.config.yaml   # then: residue scan (flags still override the file)\n',
    )
    .option('--force', 'overwrite an existing file', false)
    .action((o: { force: boolean }) => {
      const file = join(io.cwd, CONFIG_FILE);
      try {
        writeFileSync(file, STARTER_CONFIG, { flag: o.force ? 'w' : 'wx' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new ResidueError(
          'CONFIG',
          {
            detail:
              code === 'EEXIST'
                ? 'already exists (use --force to overwrite)'
                : `cannot write (${code ?? 'error'})`,
          },
          { file },
        );
      }
      io.stdout(`wrote ${file}\n`);
      exit(EXIT.ok);
    });
};
