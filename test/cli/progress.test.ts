import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { createProgress, progressLine } from '../../src/cli/progress.js';
import { ROOT } from '../helpers/cli.js';

const MiB = 1048576;

describe('progressLine', () => {
  const midway = {
    filesDone: 3,
    filesTotal: 10,
    bytesDone: 20 * MiB,
    bytesTotal: 100 * MiB,
    elapsedMs: 2000,
  };

  it('shows files, bytes, rate and an ETA by bytes', () => {
    expect(progressLine(midway)).toBe('scanning 3/10 files · 20.0/100.0 MiB · 10.0 MiB/s · ETA 8s');
  });

  it('marks the totals as a floor, with no ETA, while the walk is still counting', () => {
    expect(progressLine({ ...midway, counting: true })).toBe(
      'scanning 3/10+ files · 20.0/100.0+ MiB · 10.0 MiB/s · ETA …',
    );
  });
});

describe('createProgress', () => {
  it('redraws one line in place, throttled, and clears it at the end', () => {
    const writes: string[] = [];
    const p = createProgress((s) => writes.push(s));
    const at = (filesDone: number) => ({
      filesDone,
      filesTotal: 3,
      bytesDone: filesDone,
      bytesTotal: 3,
      elapsedMs: 1,
    });
    p.update(at(1));
    p.update(at(2)); // within 100 ms of the last draw: skipped
    p.update(at(3)); // the last file is always drawn
    p.clear();
    expect(writes).toHaveLength(3);
    expect(writes.every((w) => w.startsWith('\r\x1b[2K'))).toBe(true);
    expect(writes[1]).toContain('3/3 files');
    expect(writes[2]).toBe('\r\x1b[2K');
  });

  it('writes nothing at all when never drawn', () => {
    const writes: string[] = [];
    createProgress((s) => writes.push(s)).clear();
    expect(writes).toEqual([]);
  });
});

describe('residue scan progress on stderr', () => {
  const scan = async (stderrIsTTY: boolean, extra: string[] = []): Promise<string> => {
    let stderr = '';
    await run(['scan', 'fixtures/demo', '--threads', '0', '--fail-on', 'never', ...extra], {
      stdout: () => {},
      stderr: (s) => {
        stderr += s;
      },
      stdoutIsTTY: false,
      stderrIsTTY,
      env: {},
      cwd: ROOT,
    });
    return stderr;
  };

  it('draws a progress line when stderr is a terminal', async () => {
    expect(await scan(true)).toMatch(/scanning \d+\/\d+ files/);
  });
  it('is silent when stderr is not a terminal, or with --quiet', async () => {
    expect(await scan(false)).toBe('');
    expect(await scan(true, ['--quiet'])).toBe('');
  });
});
