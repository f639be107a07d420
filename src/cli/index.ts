import { run } from './main.js';

/** Process entry: the only place that reads process.argv and sets the exit code. */
export async function main(): Promise<void> {
  // `residue scan … | head` closes the pipe early: that is the reader's choice, not an error to report.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // Ctrl-C asks a scan to stop and report what it has; `once`, so a second Ctrl-C kills at once.
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  const code = await run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    signal: interrupt.signal,
  });
  process.exitCode = code;
}
