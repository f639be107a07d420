import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { ROOT } from '../helpers/cli.js';

/**
 * A report goes to standard output in pieces (one per file for JSON and SARIF). Written in one loop to a pipe
 * read slowly, every piece would queue in memory (200k files: 451 MB instead of 215): the CLI waits for the
 * output to drain between pieces.
 */
describe('report pieces on standard output', () => {
  for (const args of [
    ['scan', 'fixtures/demo', '--format', 'json', '--threads', '0', '--fail-on', 'never'],
    ['scan', 'fixtures/demo', '--format', 'sarif', '--threads', '0', '--fail-on', 'never'],
  ]) {
    it(`waits for the output to drain between pieces: ${args.slice(3, 4).join(' ')}`, async () => {
      let out = '';
      let pieces = 0;
      let waiting = false;
      let overran = 0;
      const code = await run(args, {
        stdout: (s) => {
          if (waiting) overran++;
          out += s;
          pieces++;
          // Like a full pipe: the next write should wait for drained().
          waiting = true;
        },
        drained: () =>
          new Promise<void>((resolve) =>
            setImmediate(() => {
              waiting = false;
              resolve();
            }),
          ),
        stderr: () => {},
        stdoutIsTTY: false,
        stderrIsTTY: false,
        env: {},
        cwd: ROOT,
      });
      expect(code).toBe(0);
      expect(pieces).toBeGreaterThan(5);
      expect(overran).toBe(0);
      expect(() => JSON.parse(out)).not.toThrow();
    });
  }
});
