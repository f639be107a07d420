import { Option } from 'commander';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, DEFAULT_HOST_CONCURRENCY } from '../../commands/remote.js';
import {
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_TIME_BUDGET_SECONDS,
  runScan,
  scanExitCode,
  streamsFiles,
} from '../../commands/scan.js';
import { CONFIG_FILE } from '../../config/load.js';
import { DEFAULT_LIMITS } from '../../engine/extract/limits.js';
import type { Shard } from '../../engine/walk/shard.js';
import { ResidueError } from '../../model/errors.js';
import { EXIT } from '../../model/exit-codes.js';
import type { FileResult } from '../../model/finding.js';
import { FAIL_ON, type FailOn, REPORT_FORMATS, type ReportFormat } from '../../model/vocabulary.js';
import { ARTIFACT_FORMATS, getReporter, renderPieces } from '../../report/index.js';
import { closingLines, fileLines } from '../../report/jsonl.js';
import { summaryLine } from '../../report/summary-line.js';
import { builtinPackNames } from '../../rulepack/packs.js';
import { ownerPrints, readPack } from '../../workflow/pack.js';
import { collect, intArg, positiveIntArg, shardArg, sizeArg, unitArg } from '../args.js';
import { applyConfig } from '../config.js';
import { fingerprintKeyFor } from '../fingerprint-key.js';
import { SCAN_EXAMPLES } from '../help.js';
import { suppressionNotices } from '../messages.js';
import { writeReportFile } from '../output.js';
import { createProgress } from '../progress.js';
import type { RegisterCommand } from './register.js';

/** With --explain, findings listed per file in text output (the JSON report always has every reason). */
const EXPLAIN_EXCERPTS = 200;

export const registerScan: RegisterCommand = (program, io, exit) => {
  program
    .command('scan')
    .description('scan files and folders for UK personal data')
    .argument('[path...]', 'files or folders to scan, or sftp://user@host[:port]/path URLs')
    .option('--include <glob>', 'only scan files matching this glob (repeatable)', collect, [])
    .option('--exclude <glob>', 'skip files and folders matching this glob (repeatable)', collect, [])
    .option('--follow-symlinks', 'follow symbolic links (loops are detected)', false)
    .option(
      '--max-file-size <size>',
      'list larger files as not scanned (e.g. 500M, 2GiB)',
      sizeArg,
      DEFAULT_MAX_FILE_SIZE,
    )
    .option('--threads <n>', 'worker threads (0 = scan in-process; default: available cores)', intArg)
    .option(
      '--shard <K/N>',
      'scan only part K of N of the tree (by path hash); join the parts with residue merge',
      shardArg,
    )
    .option('--hosts <file>', 'also scan each sftp:// URL listed in this file (one per line, # comments)')
    .option('--host-concurrency <n>', 'hosts scanned at once', intArg, DEFAULT_HOST_CONCURRENCY)
    .option(
      '--known-hosts <file>',
      'known_hosts file to check host keys against (default ~/.ssh/known_hosts)',
    )
    .option(
      '--accept-new-host-key',
      'accept and record the key of a host not in known_hosts (a changed key is always refused)',
      false,
    )
    .option('--identity <file>', 'private key for sftp:// hosts (default: ssh-agent, then ~/.ssh/id_*)')
    .option(
      '--connect-timeout <seconds>',
      'seconds to wait for a host to answer',
      intArg,
      DEFAULT_CONNECT_TIMEOUT_SECONDS,
    )
    .option(
      '--rules <name|path>',
      'rule pack to use, built-in name or YAML path (repeatable; default: all built-in)',
      collect,
      [],
    )
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (mode 0600) instead of stdout')
    .option('--show-values', 'print matched values unmasked (they are personal data)', false)
    .option(
      '--show-values-in-files',
      `with --show-values, unmask values in ${ARTIFACT_FORMATS.join(', ')} reports too`,
      false,
    )
    .option('--explain', 'show every finding with why it scored what it did', false)
    .option('--key-file <file>', 'organisation fingerprint key (default: created at first use, see README)')
    .option('--suppressions <file>', 'YAML file of findings and files to leave out (README "Suppressions")')
    .option('--strict-suppressions', 'exit 1 when a suppression has expired or matched nothing', false)
    .option('--baseline <report>', 'leave out every file and finding already in this earlier JSON report')
    .option(
      '--fingerprints <pack>',
      "report the data owner's records, values and files from this pack (.rfp)",
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a file reaches this verdict')
        .choices(FAIL_ON)
        .default('contains-pii'),
    )
    .option('--fail-on-incomplete', 'exit 3 when some file could not be fully scanned', false)
    .option('--min-confidence <0..1>', 'report findings at or above this confidence', unitArg, 0.5)
    .option('--time-budget <seconds>', 'per-file time budget', positiveIntArg, DEFAULT_TIME_BUDGET_SECONDS)
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
    .option('--config <file>', `read options from this YAML file (default: ./${CONFIG_FILE} when present)`)
    .hook('preAction', (cmd) => applyConfig(cmd, io))
    .addHelpText('after', SCAN_EXAMPLES)
    .option('--no-color', 'no colour in text output')
    .action(async (paths: string[], o: Record<string, unknown>) => {
      if (paths.length === 0 && !o.hosts) {
        throw new ResidueError('USAGE', { detail: "missing required argument 'path' (see --help)" });
      }
      const progress = io.stderrIsTTY && !o.quiet ? createProgress(io.stderr) : null;
      const format = o.format as ReportFormat;
      if (o.showValuesInFiles && !o.showValues) {
        throw new ResidueError('USAGE', { detail: '--show-values-in-files is given without --show-values' });
      }
      // Report formats kept as CI artefacts stay masked unless values in files are asked for explicitly.
      const showValues =
        Boolean(o.showValues) && (!ARTIFACT_FORMATS.includes(format) || Boolean(o.showValuesInFiles));
      if (showValues)
        io.stderr('warning: --show-values prints personal data unmasked; handle the output accordingly\n');
      else if (o.showValues)
        io.stderr(
          `residue: values stay masked in --format ${format} reports; add --show-values-in-files to unmask them\n`,
        );
      // JSON Lines to stdout are written file by file as the scan goes (log pipelines, SIEMs).
      const stream =
        format === 'jsonl' &&
        !o.output &&
        streamsFiles({
          ...(o.suppressions ? { suppressions: o.suppressions as string } : {}),
          ...(o.baseline ? { baseline: o.baseline as string } : {}),
        });
      const fingerprintKey = fingerprintKeyFor(io, o.keyFile as string | undefined, paths, Boolean(o.quiet));
      // In-process, a runaway pattern in a user's rule pack cannot be stopped (a regex runs to its end);
      // in a worker, the per-file budget ends it. Built-in packs are checked not to need this.
      const userPacks = (o.rules as string[]).some((r) => !builtinPackNames().includes(r));
      const threads = o.threads === 0 && userPacks ? 1 : (o.threads as number | undefined);
      const report = await runScan({
        fingerprintKey,
        paths,
        include: o.include as string[],
        exclude: o.exclude as string[],
        followSymlinks: o.followSymlinks as boolean,
        maxFileSize: o.maxFileSize as number,
        threads,
        ...(o.shard ? { shard: o.shard as Shard } : {}),
        rules: o.rules as string[],
        showValues,
        minConfidence: o.minConfidence as number,
        timeBudgetSeconds: o.timeBudget as number,
        limits: {
          ...(o.maxDepth !== undefined ? { maxDepth: o.maxDepth as number } : {}),
          ...(o.maxExpandedSize !== undefined ? { maxExpandedBytes: o.maxExpandedSize as number } : {}),
          ...(o.maxMembers !== undefined ? { maxMembers: o.maxMembers as number } : {}),
        },
        ...(progress ? { onProgress: progress.update } : {}),
        ...(stream
          ? {
              onFile: (result: FileResult) => {
                const lines = fileLines(result);
                if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
              },
            }
          : {}),
        ...(o.suppressions ? { suppressions: o.suppressions as string } : {}),
        ...(o.baseline ? { baseline: o.baseline as string } : {}),
        ...(o.fingerprints ? { ownerPrints: ownerPrints(readPack(o.fingerprints as string).pack) } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        remote: {
          ...(o.hosts ? { hostsFile: o.hosts as string } : {}),
          ...(o.knownHosts ? { knownHosts: o.knownHosts as string } : {}),
          ...(o.identity ? { identity: o.identity as string } : {}),
          acceptNewHostKey: o.acceptNewHostKey as boolean,
          hostConcurrency: Math.max(1, o.hostConcurrency as number),
          connectTimeoutSeconds: o.connectTimeout as number,
          env: io.env,
          onHostKeyAdded: (n) =>
            io.stderr(`residue: added host key of ${n.host} (${n.keyType} ${n.fingerprint}) to ${n.file}\n`),
        },
      });
      progress?.clear();
      for (const notice of suppressionNotices(report)) io.stderr(`residue: ${notice}\n`);
      const color = Boolean(o.color) && !o.output && io.stdoutIsTTY && !io.env.NO_COLOR;
      const explain = o.explain as boolean;
      const pieces = renderPieces(getReporter(format), report, {
        color,
        explain,
        maxExcerptsPerFile: explain ? EXPLAIN_EXCERPTS : 3,
        failOn: o.failOn as FailOn,
      });
      if (o.output) writeReportFile(o.output as string, pieces);
      else if (stream) io.stdout(`${closingLines(report).join('\n')}\n`);
      else {
        for (const piece of pieces) {
          io.stdout(piece);
          await io.drained?.();
        }
      }
      // The report went to a file or is for machines: still tell the person at the terminal what happened.
      if ((o.output || format !== 'text') && io.stderrIsTTY && !o.quiet) {
        io.stderr(summaryLine(report, o.output as string | undefined));
      }
      if (io.signal?.aborted) return exit(EXIT.interrupted);
      exit(
        scanExitCode(
          report,
          o.failOn as FailOn,
          o.failOnIncomplete as boolean,
          o.strictSuppressions as boolean,
        ),
      );
    });
};
