#!/usr/bin/env node
// `npm run build:binary`: residue as one executable file, dist/residue (dist/residue.exe on Windows), built with
// Node's single executable applications (SEA) and postject.
//
// 1. esbuild bundles the CLI (src/cli/index.ts) into one CommonJS file, the SEA's main script; the scan worker
//    (src/workers/scan-worker.ts) and piscina's own worker (piscina/dist/worker.js) into two more.
// 2. Those two bundles, the rule packs and name lists (rules/**) and a small package.json become
//    SEA assets, listed in residue-assets.json. At start-up src/resources.ts writes them to a private temp folder
//    (mode 0700, removed at exit) laid out like the package, and the worker pool is pointed there.
// 3. `node --experimental-sea-config` writes the blob; a copy of this node binary gets it through postject.
//
// The executable embeds the node binary that runs this script (`process.execPath`): build with the Node version
// you mean to ship, on the platform you ship for. Options: --out <file> (default dist/residue).
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
/** The fuse postject flips so node looks for the blob (fixed by Node for SEA). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function parseArgs(argv) {
  const out = { out: join(ROOT, 'dist', process.platform === 'win32' ? 'residue.exe' : 'residue') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out.out = resolve(argv[++i]);
    else throw new Error(`build-binary: unknown argument ${argv[i]}`);
  }
  return out;
}

/** Every file under `dir`, as paths relative to `base` with forward slashes. */
function filesUnder(dir, base = ROOT) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full, base);
    return e.isFile() ? [relative(base, full).split(sep).join('/')] : [];
  });
}

/**
 * `createRequire(import.meta.url)('pkg/data.json')` (src/engine/detect/validators/bank-modulus.ts) becomes a plain
 * `require`, which esbuild follows and inlines; there is no node_modules beside the executable.
 */
const inlineCreateRequire = {
  name: 'inline-create-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      return { contents: source.replaceAll('createRequire(import.meta.url)(', 'require('), loader: 'ts' };
    });
  },
};

/**
 * ssh2 loads two optional native modules inside try/catch (cpu-features, its sshcrypto binding) and falls back
 * to JavaScript without them. A single executable cannot load a .node file from inside itself: each is replaced
 * by a module that throws, so ssh2 takes its fallback, with no warning printed.
 */
const omitOptionalNative = {
  name: 'omit-optional-native',
  setup(build) {
    build.onResolve({ filter: /^cpu-features$|\.node$/ }, (args) => ({
      path: args.path,
      namespace: 'omitted-native',
    }));
    build.onLoad({ filter: /.*/, namespace: 'omitted-native' }, () => ({
      contents: "throw new Error('native module left out of the single executable');",
      loader: 'js',
    }));
  },
};

/** Options shared by the three bundles. */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: `node${process.versions.node.split('.')[0]}`,
  legalComments: 'none',
  logLevel: 'warning',
  // piscina loads @napi-rs/nice only if installed, inside a try.
  external: ['@napi-rs/nice'],
  // Only reached outside a single executable (resources.ts on disk), or not at all (pdf.js canvas and streams).
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [inlineCreateRequire, omitOptionalNative],
};

/** The CLI and our worker: `__dirname` is the extracted folder's dist/ (scripts/sea/code-dir.mjs). */
const withCodeDir = {
  ...common,
  define: { __dirname: 'residueCodeDir' },
  inject: [join(ROOT, 'scripts', 'sea', 'code-dir.mjs')],
};

/** A warning (a `require` left unbundled, say) would be a failure at run time inside the executable: stop here. */
async function build(options) {
  const result = await esbuild.build(options);
  if (result.warnings.length > 0) {
    throw new Error(`build-binary: esbuild warned while bundling ${options.outfile}`);
  }
}

async function bundle(stage) {
  const main = join(stage, 'main.cjs');
  await build({
    ...withCodeDir,
    stdin: {
      contents: "import { main } from './src/cli/index.ts';\nmain();\n",
      resolveDir: ROOT,
      sourcefile: 'sea-main.ts',
      loader: 'ts',
    },
    outfile: main,
  });
  await build({
    ...withCodeDir,
    entryPoints: [join(ROOT, 'src', 'workers', 'scan-worker.ts')],
    // At the path of dist/workers/entry.cjs: bundled as CommonJS, the worker needs no import() shim.
    outfile: join(stage, 'assets', 'dist', 'workers', 'entry.cjs'),
  });
  // piscina starts every thread on its own dist/worker.js, found beside its code (`__dirname`, see above).
  await build({
    ...common,
    entryPoints: [join(dirname(require.resolve('piscina')), 'worker.js')],
    outfile: join(stage, 'assets', 'dist', 'worker.js'),
  });
  return main;
}

/** Files the executable carries, by their path in the extracted folder. */
function assets(stage) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const files = new Map();
  for (const name of filesUnder(join(ROOT, 'rules'))) files.set(name, join(ROOT, name));
  // The version for `--version` and reports; "commonjs" so the extracted .js bundles load as CommonJS.
  const manifest = join(stage, 'assets', 'package.json');
  writeFileSync(manifest, `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'commonjs' })}\n`);
  files.set('package.json', manifest);
  const bundled = join(stage, 'assets');
  for (const name of filesUnder(join(bundled, 'dist'), bundled)) files.set(name, join(bundled, name));
  const list = join(stage, 'residue-assets.json');
  writeFileSync(list, `${JSON.stringify([...files.keys()].sort())}\n`);
  return { 'residue-assets.json': list, ...Object.fromEntries(files) };
}

/** Runs a build step; its chatter (postject's) is shown only when it fails. */
function run(cmd, args) {
  try {
    execFileSync(cmd, args, { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    process.stderr.write(`${e.stdout ?? ''}${e.stderr ?? ''}`);
    throw new Error(`build-binary: ${[cmd, ...args].join(' ')} failed`);
  }
}

async function buildBinary({ out }) {
  const stage = mkdtempSync(join(tmpdir(), 'residue-sea-build-'));
  try {
    const main = await bundle(stage);
    const config = join(stage, 'sea-config.json');
    const blob = join(stage, 'sea-prep.blob');
    writeFileSync(
      config,
      JSON.stringify(
        {
          main,
          output: blob,
          disableExperimentalSEAWarning: true,
          useCodeCache: true,
          assets: assets(stage),
        },
        null,
        2,
      ),
    );
    run(process.execPath, ['--experimental-sea-config', config]);
    mkdirSync(dirname(out), { recursive: true });
    rmSync(out, { force: true });
    copyFileSync(process.execPath, out);
    chmodSync(out, 0o755);
    if (process.platform === 'darwin') run('codesign', ['--remove-signature', out]);
    const postject = join(dirname(require.resolve('postject')), 'cli.js');
    const macho = process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : [];
    run(process.execPath, [postject, out, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE, ...macho]);
    if (process.platform === 'darwin') run('codesign', ['--sign', '-', out]);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const mib = (statSync(out).size / 1024 ** 2).toFixed(1);
  process.stdout.write(`build-binary: wrote ${relative(process.cwd(), out) || out} (${mib} MiB)\n`);
}

await buildBinary(parseArgs(process.argv.slice(2)));
