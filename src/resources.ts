import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { getAsset, getRawAsset, isSea } from 'node:sea';
import { fileURLToPath } from 'node:url';
import { getEnvironmentData, isMainThread, setEnvironmentData } from 'node:worker_threads';

/** Passes the extracted folder to worker threads. */
const ROOT_KEY = 'residue:resource-root';
/** The asset that lists the others (written by scripts/build-binary.mjs). */
export const ASSET_MANIFEST = 'residue-assets.json';

/**
 * Where residue's own files are: the rule packs (rules/*.yaml), the name lists (rules/names/), package.json and
 * the worker entry (dist/workers/entry.cjs), all at fixed places under one root folder.
 *
 * From npm or a clone the root is the package folder (the one above src/ and dist/). Inside a single executable
 * (Node SEA, `npm run build:binary`) the files are SEA assets: the main thread writes them once, at start-up, to a
 * private temp folder laid out the same way (mode 0700, removed at exit) and hands its path to worker threads,
 * which are ordinary files there. The asset `residue-assets.json` lists the other assets by relative path.
 */
export const RESOURCE_ROOT: string = resourceRoot();

/** The built-in rule packs' folder, with a trailing separator. */
export const RULES_DIR: string = join(RESOURCE_ROOT, 'rules') + sep;

/** The name lists' folder, with a trailing separator. */
export const NAMES_DIR: string = join(RESOURCE_ROOT, 'rules', 'names') + sep;

/** The package manifest (the version is read from it). */
export const PACKAGE_JSON: string = join(RESOURCE_ROOT, 'package.json');

/** The compiled worker entry for the piscina pool; from src/ (tests) this is the built copy in dist/. */
export const WORKER_FILE: string = join(RESOURCE_ROOT, 'dist', 'workers', 'entry.cjs');

function resourceRoot(): string {
  const inherited = getEnvironmentData(ROOT_KEY);
  if (typeof inherited === 'string') return inherited;
  if (isMainThread && isSea()) {
    const root = extractAssets();
    setEnvironmentData(ROOT_KEY, root);
    return root;
  }
  return fileURLToPath(new URL('../', import.meta.url));
}

function extractAssets(): string {
  let root: string;
  try {
    root = mkdtempSync(join(tmpdir(), 'residue-sea-'));
  } catch (e) {
    // At start-up, before the CLI can word errors: one line and the usage/config exit code, not a stack trace.
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    process.stderr.write(
      `residue: cannot make a private folder for its own files under ${tmpdir()} (${code}); set TMPDIR to a writable folder\n`,
    );
    process.exit(2);
  }
  removeAtExit(root);
  const names = JSON.parse(getAsset(ASSET_MANIFEST, 'utf8')) as string[];
  for (const name of names) {
    const file = join(root, ...name.split('/'));
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // getRawAsset: the bytes in the executable, not a copy (they are only read).
    writeFileSync(file, new Uint8Array(getRawAsset(name) as ArrayBuffer), { mode: 0o600 });
  }
  return root;
}

/** The folder goes at exit, and on a terminating signal nobody else handles (the signal is then re-raised). */
function removeAtExit(root: string): void {
  const remove = () => rmSync(root, { recursive: true, force: true });
  process.once('exit', remove);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      remove();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}
