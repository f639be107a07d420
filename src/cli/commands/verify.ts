import { runVerify, type VerifyCommandOptions } from '../../commands/verify.js';
import { EXIT } from '../../model/exit-codes.js';
import { sanitize } from '../../report/sanitize.js';
import { formatBytes, formatDuration, plural } from '../../report/units.js';
import type { CertificateBody, CertificateProblem, Verification } from '../../workflow/certificate.js';
import type { RegisterCommand } from './register.js';

/** Lines of each list shown before "… and N more". */
const MAX_LISTED = 20;

export const registerVerify: RegisterCommand = (program, io, exit) => {
  program
    .command('verify')
    .description('check a deletion certificate and say in plain words what it proves')
    .addHelpText(
      'after',
      '\nExamples (the data owner):\n' +
        '  residue verify cert.json --pub contractor.pub\n' +
        '  residue verify cert.json --pub contractor.pub --pack owner.rfp   # and that your pack was used\n' +
        'Exit 0 when the certificate is valid and clean, 1 otherwise.\n',
    )
    .argument('<certificate>', 'certificate written by "residue attest"')
    .requiredOption('--pub <file>', "the signer's public key (NAME.pub), as you received it from them")
    .option('--pack <pack>', 'your fingerprint pack: check the scan looked for your data with it')
    .action((certificate: string, o: { pub: string; pack?: string }) => {
      const options: VerifyCommandOptions = {
        certificate,
        publicKey: o.pub,
        ...(o.pack !== undefined ? { pack: o.pack } : {}),
      };
      const v = runVerify(options);
      io.stdout(`${describeVerification(v, options).join('\n')}\n`);
      exit(v.valid && v.body?.result.status === 'clean' ? EXIT.ok : EXIT.findings);
    });
};

/** The verdict first, then who, where, when, what was covered and what was not, and the result. */
export function describeVerification(v: Verification, o: VerifyCommandOptions): string[] {
  const lines: string[] = [];
  const name = sanitize(o.certificate);
  if (!v.valid) {
    lines.push(`INVALID: ${name} cannot be relied on.`);
    for (const p of v.problems) lines.push(`  ${problemText(p.code, p.detail, o)}`);
  } else {
    lines.push(
      `VALID: ${name} is signed by the key in ${sanitize(o.publicKey)} and has not been changed since.`,
    );
  }
  if (v.embeddedKeyDiffers)
    lines.push(
      `  note: the public key inside the certificate is not ${sanitize(o.publicKey)}; it was ignored, and the signature was checked with ${sanitize(o.publicKey)}.`,
    );
  if (v.body && v.problems.every((p) => p.code !== 'BAD_SIGNATURE' && p.code !== 'MALFORMED'))
    lines.push('', ...describeBody(v.body, v.packMatches));
  // Every string in a certificate was chosen by its signer or by the names of scanned files: printed inert.
  return lines.map(sanitize);
}

function problemText(code: CertificateProblem, detail: string | undefined, o: VerifyCommandOptions): string {
  switch (code) {
    case 'MALFORMED':
      return `not a residue certificate (${detail ?? 'unreadable'})`;
    case 'BAD_SIGNATURE':
      return `the signature does not match: the certificate was changed after signing, or was not signed with the key in ${sanitize(o.publicKey)}`;
    case 'INCONSISTENT':
      return `its result contradicts its own contents (${detail ?? ''})`;
    case 'PACK_NOT_IN_CERTIFICATE':
      return `the scan did not use a fingerprint pack, so it did not look for the records in ${sanitize(o.pack ?? '')}`;
    case 'PACK_MISMATCH':
      return `the scan used a different fingerprint pack (sha256 ${detail ?? '?'}), not ${sanitize(o.pack ?? '')}`;
  }
}

function describeBody(b: CertificateBody, packMatches: boolean | undefined): string[] {
  const out: string[] = [];
  const { scope, coverage, result } = b;
  const took = Date.parse(b.time.finishedAt) - Date.parse(b.time.startedAt);
  out.push(`Who:    user ${sanitize(b.host.user)}, residue ${sanitize(b.tool.version)}`);
  out.push(`Where:  host ${sanitize(b.host.hostname)} (${sanitize(b.host.platform)})`);
  out.push(
    `When:   ${b.time.startedAt} to ${b.time.finishedAt}${Number.isFinite(took) ? ` (${formatDuration(took)})` : ''}`,
  );
  out.push(`What:   ${scope.roots.map(sanitize).join(', ')}`);
  out.push(
    `        rule packs: ${scope.rulePacks.map((p) => `${sanitize(p.name)} ${sanitize(p.version)} (sha256 ${p.sha256.slice(0, 12)}…)`).join(', ') || 'none'}`,
  );
  if (scope.fingerprintPack) {
    const p = scope.fingerprintPack;
    const cols = p.columns.map((c) => `${sanitize(c.name)} (${c.category})`).join(', ');
    const check =
      packMatches === true ? ', the pack you gave' : packMatches === false ? ', NOT the pack you gave' : '';
    out.push(
      `        looked for the owner's data: fingerprint pack sha256 ${p.sha256.slice(0, 12)}…${check}; ` +
        `${plural(p.counts.records, 'record')}, ${plural(p.counts.files, 'file')}; columns ${cols}`,
    );
  } else
    out.push("        no fingerprint pack: looked for personal data in general, not for one owner's records");
  out.push(`        findings counted at confidence ${scope.minConfidence} and above`);
  out.push(
    `Covered: ${plural(coverage.filesScanned, 'file')} and archive members (${formatBytes(coverage.bytesScanned)}) read`,
  );
  out.push('Not covered:');
  const gaps: string[] = [];
  if (scope.include.length > 0)
    gaps.push(`only files matching ${scope.include.map(sanitize).join(', ')} were read`);
  if (scope.exclude.length > 0)
    gaps.push(`files matching ${scope.exclude.map(sanitize).join(', ')} were left out`);
  for (const f of scope.ignoreFiles)
    gaps.push(
      `${sanitize(f.path)} left out what matches ${f.patterns.map(sanitize).join(', ') || '(no patterns)'}`,
    );
  for (const e of coverage.notInspected.slice(0, MAX_LISTED))
    gaps.push(`${sanitize(e.path)}: ${sanitize(e.message)}`);
  if (coverage.notInspected.length > MAX_LISTED)
    gaps.push(`… and ${plural(coverage.notInspected.length - MAX_LISTED, 'more file')} not fully inspected`);
  for (const s of coverage.skipped.slice(0, MAX_LISTED))
    gaps.push(`${sanitize(s.path)}: ${sanitize(s.reason)}`);
  if (coverage.skipped.length > MAX_LISTED)
    gaps.push(`… and ${plural(coverage.skipped.length - MAX_LISTED, 'more')} skipped`);
  const strings = coverage.stringsOnly ?? [];
  for (const path of strings.slice(0, MAX_LISTED))
    gaps.push(`${sanitize(path)}: an unknown format, searched only through its printable strings`);
  if (strings.length > MAX_LISTED)
    gaps.push(`… and ${plural(strings.length - MAX_LISTED, 'more file')} searched only as printable strings`);
  if (gaps.length === 0) gaps.push('nothing: every file in scope was read in full');
  for (const g of gaps) out.push(`  - ${g}`);
  out.push(`Result: ${resultText(b)}`);
  for (const f of result.files.slice(0, MAX_LISTED)) {
    const counts = Object.entries(f.counts)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    out.push(
      `  - ${sanitize(f.path)}: ${f.verdict}${f.records > 0 ? `, ${plural(f.records, 'record')}` : ''} (${counts})`,
    );
  }
  if (result.files.length > MAX_LISTED)
    out.push(`  … and ${plural(result.files.length - MAX_LISTED, 'more file')}`);
  return out;
}

function resultText(b: CertificateBody): string {
  const { result, coverage } = b;
  const m = result.fingerprintMatches;
  switch (result.status) {
    case 'clean': {
      const read =
        (coverage.stringsOnly ?? []).length > 0
          ? 'every file in scope was read (some only as printable strings, listed above)'
          : 'every file in scope was read in full';
      return b.scope.fingerprintPack
        ? `CLEAN: ${read}, and neither personal data nor any of the owner's records, values or files was found.`
        : `CLEAN: ${read}, and no personal data was found.`;
    }
    case 'incomplete':
      return `INCOMPLETE: nothing was found in what was read, but ${plural(coverage.notInspected.length, 'file')} could not be fully inspected; this does not prove deletion.`;
    case 'not-clean': {
      const owner =
        m.records + m.values + m.files > 0
          ? `; the owner's data was found: ${plural(m.records, 'whole record')}, ${plural(m.values, 'value')}, ${m.files === 1 ? '1 file copy' : `${m.files} file copies`}`
          : '';
      return `NOT CLEAN: ${plural(result.verdicts['personal-data'] ?? 0, 'file')} of personal data, ${plural(result.verdicts['contains-pii'] ?? 0, 'file')} with stray personal data${owner}.`;
    }
  }
}
