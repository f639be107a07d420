import { existsSync } from 'node:fs';
import { runFingerprint } from '../../commands/fingerprint.js';
import { ResidueError } from '../../model/errors.js';
import { EXIT } from '../../model/exit-codes.js';
import { plural } from '../../report/units.js';
import { defaultKeyPath } from '../../workflow/key-store.js';
import { writeReportFile } from '../output.js';
import type { RegisterCommand } from './register.js';

export const registerFingerprint: RegisterCommand = (program, io, exit) => {
  program
    .command('fingerprint')
    .description('build a fingerprint pack of the data you hand over, to find it again by exact match')
    .addHelpText(
      'after',
      '\nExamples (the data owner, before handing data over):\n' +
        '  residue fingerprint customers.csv --columns surname,dob,postcode --out owner.rfp\n' +
        '  residue fingerprint crm.sqlite --table customers --columns surname,dob --out owner.rfp\n' +
        'Then the contractor: residue scan /srv --fingerprints owner.rfp (the pack holds no plaintext).\n',
    )
    .argument('<file...>', 'your exports: CSV, a JSON array of objects, or a SQLite database')
    .requiredOption(
      '--columns <list>',
      'columns to fingerprint, e.g. surname,dob,postcode or surname:person-name,born:date-of-birth',
    )
    .requiredOption('--out <pack>', 'the pack file to write (.rfp, mode 0600)')
    .option('--table <name>', 'the SQLite table to read (when the database has more than one)')
    .option('--force', 'replace an existing pack (one already handed over no longer verifies)', false)
    .option(
      '--key-file <file>',
      'pack key (64 hex digits) instead of a fresh random one; never your organisation key',
    )
    .action(
      async (
        files: string[],
        o: { columns: string; out: string; table?: string; keyFile?: string; force: boolean },
      ) => {
        // Each pack has its own random key: overwriting one already given to a contractor would make their
        // certificates fail `verify --pack`.
        if (!o.force && existsSync(o.out)) throw new ResidueError('FILE_EXISTS', { path: o.out });
        const { pack, text } = await runFingerprint({
          sources: files,
          columns: o.columns,
          orgKeyPath: defaultKeyPath(io.env),
          ...(o.table !== undefined ? { table: o.table } : {}),
          ...(o.keyFile !== undefined ? { keyFile: o.keyFile } : {}),
        });
        writeReportFile(o.out, text);
        const columns = pack.columns.map((c) => `${c.name} (${c.category})`).join(', ');
        io.stdout(
          `wrote ${o.out}: ${plural(pack.counts.records, 'record')} and ${plural(pack.counts.values, 'distinct value')} ` +
            `from ${plural(pack.counts.sourceRecords, 'source row')} in ${plural(pack.counts.files, 'file')}; columns ${columns}\n`,
        );
        if (pack.columns.length < 2 || pack.counts.records === 0)
          io.stderr(
            'warning: without records of two or more columns the pack can only match single values, and whoever holds it ' +
              'can test guesses of them (an NHS number has about a billion values); fingerprint several columns\n',
          );
        io.stderr(
          'note: the pack holds its key; whoever holds the pack can test a guessed value against it. Share it only with ' +
            'the contractor who must look for your data (README "Proving deletion").\n',
        );
        exit(EXIT.ok);
      },
    );
};
