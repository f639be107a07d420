import { runMerge } from '../../commands/merge.js';
import { EXIT } from '../../model/exit-codes.js';
import { jsonPiecesOf } from '../../report/index.js';
import { writeReportFile } from '../output.js';
import type { RegisterCommand } from './register.js';

export const registerMerge: RegisterCommand = (program, io, exit) => {
  program
    .command('merge')
    .description('join the JSON reports of the shards of one scan (scan --shard K/N) into one report')
    .argument('<report...>', 'shard reports (JSON), one per shard')
    .option('--out <file>', 'write the merged report there (mode 0600) instead of stdout')
    .addHelpText(
      'after',
      '\nExample:\n  residue scan /data --shard 1/2 --format json --output s1.json   # job 1\n' +
        '  residue scan /data --shard 2/2 --format json --output s2.json   # job 2\n' +
        '  residue merge s1.json s2.json --out all.json\n',
    )
    .action(async (paths: string[], o: { out?: string }) => {
      const merged = runMerge(paths);
      const pieces = jsonPiecesOf(merged.head, merged.files);
      if (o.out) writeReportFile(o.out, pieces);
      else {
        for (const piece of pieces) {
          io.stdout(piece);
          await io.drained?.();
        }
      }
      exit(EXIT.ok);
    });
};
