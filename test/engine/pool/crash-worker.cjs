// A worker that ends its own thread when handed a file named crash.txt, as a native crash or an out-of-memory
// kill would end it; every other task goes to the real worker (the built one: npm test builds first).
const entry = require('../../../dist/workers/entry.cjs');

module.exports = (task) => (task.files.some((f) => f.path === 'crash.txt') ? process.exit(70) : entry(task));
