// The file piscina starts each worker on. piscina loads it with require(), and Node 20 aborts the whole process
// (an assertion in its require-of-ES-module support) when a worker is terminated while require() is still
// loading an ES module: a scan that ends before a worker has started would crash. This CommonJS entry loads
// the ES worker with import() instead, which termination stops cleanly. (In the single executable this file
// is the bundled worker itself: scripts/build-binary.mjs.)
type Scan = (task: unknown) => Promise<unknown>;

let scan: Promise<Scan> | undefined;

module.exports = (task: unknown): Promise<unknown> => {
  scan ??= import('./scan-worker.js').then((m) => m.default as Scan);
  return scan.then((run) => run(task));
};
