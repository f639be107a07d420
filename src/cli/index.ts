import { run } from './main.js';

/** Exit status for a command stopped by a signal: 128 + the signal number, as shells report it. */
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

/** Process entry: the only place that reads process.argv and sets the exit code. */
export async function main(): Promise<void> {
  // `residue scan … | head` closes the pipe early: the reader's choice, not an error. Later output is dropped
  // and the scan still ends with its own exit code, so `${PIPESTATUS[0]}` tells whether personal data was found.
  let stdoutOpen = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    stdoutOpen = false;
    if (e.code === 'EPIPE') return;
    // A full disk or a closed terminal: one line, and exit 2 (an output error), never a stack trace.
    process.stderr.write(`residue: cannot write to standard output (${e.code ?? 'error'})\n`);
    process.exit(2);
  });
  // Ctrl-C (and SIGTERM from CI runners and Kubernetes, SIGHUP from a closed terminal) asks a scan to stop and
  // report what it has; `once`, so a second signal kills at once.
  const interrupt = new AbortController();
  let stoppedBy: StopSignal | null = null;
  for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    process.once(name, () => {
      stoppedBy ??= name;
      interrupt.abort(name);
    });
  }
  const code = await run(process.argv.slice(2), {
    stdout: (s) => {
      if (stdoutOpen) process.stdout.write(s);
    },
    drained: () =>
      new Promise<void>((resolve) => {
        const out = process.stdout;
        if (!stdoutOpen || !out.writableNeedDrain) return resolve();
        const done = (): void => {
          out.off('drain', done).off('error', done).off('close', done);
          resolve();
        };
        out.on('drain', done).on('error', done).on('close', done);
      }),
    stderr: (s) => process.stderr.write(s),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    signal: interrupt.signal,
  });
  // run() says 130 for any interruption; the status names the signal that stopped it.
  process.exitCode = code === STOP_SIGNALS.SIGINT && stoppedBy !== null ? STOP_SIGNALS[stoppedBy] : code;
}
