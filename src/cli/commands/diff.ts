import { Option } from 'commander';
import { DIFF_FORMATS, type DiffFormat, runDiff } from '../../commands/diff.js';
import { writeReportFile } from '../output.js';
import type { RegisterCommand } from './register.js';

export const registerDiff: RegisterCommand = (program, io, exit) => {
  program
    .command('diff')
    .description('compare two JSON reports: new, copied, moved, changed and gone personal data')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        "  residue scan /srv --format json --output before.json   # before the vendor's maintenance\n" +
        '  residue scan /srv --format json --output after.json    # after it, with the same key\n' +
        '  residue diff before.json after.json                    # exit 1 when personal data appeared or was copied\n' +
        '  residue diff before.json after.json --format json --output changes.json\n',
    )
    .argument('<before>', 'the earlier JSON report (residue scan --format json)')
    .argument('<after>', 'the later JSON report, made with the same fingerprint key')
    .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the diff to a file (mode 0600) instead of stdout')
    .option('--fail-on-incomplete', 'exit 3 when either scan could not fully read some file', false)
    .option('--no-color', 'no colour in text output')
    .action(async (before: string, after: string, o: Record<string, unknown>) => {
      const { pieces, exitCode } = runDiff({
        before,
        after,
        format: o.format as DiffFormat,
        color: Boolean(o.color) && !o.output && io.stdoutIsTTY && !io.env.NO_COLOR,
        failOnIncomplete: o.failOnIncomplete as boolean,
      });
      if (o.output) writeReportFile(o.output as string, pieces);
      else {
        for (const piece of pieces) {
          io.stdout(piece);
          await io.drained?.();
        }
      }
      exit(exitCode);
    });
};
