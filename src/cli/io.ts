/** Everything the CLI touches outside itself, so tests can run it without a process. */
export interface CliIo {
  stdout: (text: string) => void;
  /**
   * Resolves once standard output has taken what was written: a report written in pieces waits for a pipe read
   * slowly (`| jq`) instead of queueing the whole report in memory. Absent: writes are taken at once.
   */
  drained?: () => Promise<void>;
  stderr: (text: string) => void;
  /** Whether stderr is an interactive terminal (progress line) and stdout one (colour). */
  stderrIsTTY: boolean;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on Ctrl-C (SIGINT): a scan stops, still writes its report (incomplete) and exits 130. */
  signal?: AbortSignal;
}
