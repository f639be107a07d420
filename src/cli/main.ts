import { Command, CommanderError } from 'commander';
import { EXIT } from '../model/exit-codes.js';
import { VERSION } from '../version.js';
import { registerAttest } from './commands/attest.js';
import { registerDiff } from './commands/diff.js';
import { registerFingerprint } from './commands/fingerprint.js';
import { registerInit } from './commands/init.js';
import { registerKeygen } from './commands/keygen.js';
import { registerMerge } from './commands/merge.js';
import type { RegisterCommand } from './commands/register.js';
import { registerRules } from './commands/rules.js';
import { registerScan } from './commands/scan.js';
import { registerVerify } from './commands/verify.js';
import { PROGRAM_EXAMPLES } from './help.js';
import type { CliIo } from './io.js';
import { describeError } from './messages.js';

/** Every command, in the order `residue --help` lists them. Each lives in its own file under commands/. */
const COMMANDS: RegisterCommand[] = [
  registerScan,
  registerDiff,
  registerRules,
  registerInit,
  registerFingerprint,
  registerKeygen,
  registerAttest,
  registerVerify,
  registerMerge,
];

/** Runs the CLI on argv (without node and script) and returns the exit code. Never calls process.exit. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('residue')
    .description('Find UK personal data left where it should not be.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // One line, in the same shape as every other residue error.
      outputError: (message, write) =>
        write(`residue: ${oneLine(message.replace(/^error: /, ''))} (see --help)\n`),
    });

  program.addHelpText('after', PROGRAM_EXAMPLES);
  for (const register of COMMANDS)
    register(program, io, (code) => {
      exitCode = code;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error (already printed).
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`residue: ${describeError(e)}\n`);
    return EXIT.usage;
  }
}

function oneLine(message: string): string {
  return message.trim().replace(/\s*\n\s*/g, ' ');
}
