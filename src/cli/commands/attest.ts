import { runAttest } from '../../commands/attest.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_TIME_BUDGET_SECONDS } from '../../commands/scan.js';
import { DEFAULT_LIMITS } from '../../engine/extract/limits.js';
import { EXIT } from '../../model/exit-codes.js';
import { plural } from '../../report/units.js';
import { collect, intArg, sizeArg, unitArg } from '../args.js';
import { fingerprintKeyFor } from '../fingerprint-key.js';
import { writeReportFile } from '../output.js';
import { createProgress } from '../progress.js';
import type { RegisterCommand } from './register.js';

/** Exit code by result: a certificate is written in every case, and the code says which it is. */
const EXIT_BY_STATUS = { clean: EXIT.ok, 'not-clean': EXIT.findings, incomplete: EXIT.incomplete } as const;

export const registerAttest: RegisterCommand = (program, io, exit) => {
  program
    .command('attest')
    .description('scan, then write a signed certificate of what was covered and found (proof of deletion)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  residue keygen --out contractor                       # once: contractor.key (secret) and contractor.pub\n' +
        '  residue attest /srv/restore --key contractor.key --out cert.json\n' +
        "  residue attest /srv --key contractor.key --fingerprints owner.rfp --out cert.json   # the owner's records\n" +
        'Exit 0 clean, 1 data found, 3 incomplete; the certificate is written in every case.\n',
    )
    .argument('<path...>', 'files or folders that should hold none of the data')
    .requiredOption('--key <file>', 'Ed25519 private key from "residue keygen" (NAME.key)')
    .requiredOption('--out <file>', 'the certificate to write (JSON, mode 0600)')
    .option(
      '--fingerprints <pack>',
      "the data owner's fingerprint pack (.rfp): their records, values and files",
    )
    .option('--include <glob>', 'only scan files matching this glob (repeatable; recorded)', collect, [])
    .option(
      '--exclude <glob>',
      'skip files and folders matching this glob (repeatable; recorded)',
      collect,
      [],
    )
    .option('--follow-symlinks', 'follow symbolic links (loops are detected)', false)
    .option(
      '--max-file-size <size>',
      'larger files are not read (and the result is incomplete)',
      sizeArg,
      DEFAULT_MAX_FILE_SIZE,
    )
    .option('--threads <n>', 'worker threads (0 = scan in-process; default: available cores)', intArg)
    .option(
      '--rules <name|path>',
      'rule pack, built-in name or YAML path (repeatable; default: all built-in)',
      collect,
      [],
    )
    .option('--key-file <file>', 'organisation fingerprint key (default: created at first use, see README)')
    .option('--min-confidence <0..1>', 'report findings at or above this confidence', unitArg, 0.5)
    .option('--time-budget <seconds>', 'per-file time budget', intArg, DEFAULT_TIME_BUDGET_SECONDS)
    .option(
      '--max-depth <n>',
      `archives opened one inside another (default ${DEFAULT_LIMITS.maxDepth})`,
      intArg,
    )
    .option(
      '--max-expanded-size <size>',
      'bytes one file may expand to inside archives (default 4GiB)',
      sizeArg,
    )
    .option(
      '--max-members <n>',
      `archive members and workbook sheets per file (default ${DEFAULT_LIMITS.maxMembers})`,
      intArg,
    )
    .option('-q, --quiet', 'no progress line', false)
    .action(async (paths: string[], o: Record<string, unknown>) => {
      const progress = io.stderrIsTTY && !o.quiet ? createProgress(io.stderr) : null;
      const fingerprintKey = fingerprintKeyFor(io, o.keyFile as string | undefined, paths, Boolean(o.quiet));
      const { certificate } = await runAttest({
        signingKey: o.key as string,
        ...(o.fingerprints ? { fingerprints: o.fingerprints as string } : {}),
        env: io.env,
        fingerprintKey,
        paths,
        include: o.include as string[],
        exclude: o.exclude as string[],
        followSymlinks: o.followSymlinks as boolean,
        maxFileSize: o.maxFileSize as number,
        threads: o.threads as number | undefined,
        rules: o.rules as string[],
        minConfidence: o.minConfidence as number,
        timeBudgetSeconds: o.timeBudget as number,
        limits: {
          ...(o.maxDepth !== undefined ? { maxDepth: o.maxDepth as number } : {}),
          ...(o.maxExpandedSize !== undefined ? { maxExpandedBytes: o.maxExpandedSize as number } : {}),
          ...(o.maxMembers !== undefined ? { maxMembers: o.maxMembers as number } : {}),
        },
        ...(progress ? { onProgress: progress.update } : {}),
      });
      progress?.clear();
      writeReportFile(o.out as string, `${JSON.stringify(certificate, null, 2)}\n`);
      const { result, coverage } = certificate.body;
      const detail =
        result.status === 'clean'
          ? `nothing found in ${plural(coverage.filesScanned, 'file')}`
          : result.status === 'incomplete'
            ? `nothing found, but ${plural(coverage.notInspected.length, 'file')} could not be fully inspected`
            : `${plural(result.filesWithFindings, 'file')} with findings`;
      io.stdout(`wrote ${String(o.out)}: ${result.status} (${detail}); check it with "residue verify"\n`);
      exit(EXIT_BY_STATUS[result.status]);
    });
};
