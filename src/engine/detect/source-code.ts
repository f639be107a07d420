// `residue-ignore: <reason>` is for source code and configuration, where a comment can explain a value that is
// meant to be there (a support mailbox, a test fixture). In data files (CSV, logs, exports, documents, archive
// members without such a name) it would let the scanned tree hide its own records, so it is not honoured there.

/** Extensions of files written by people as code or configuration, with comment syntax. */
const SOURCE_EXTENSIONS = new Set([
  ...['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'vue', 'svelte'],
  ...['py', 'rb', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'groovy', 'gradle', 'swift', 'dart'],
  ...[
    'c',
    'h',
    'cc',
    'cpp',
    'hpp',
    'cs',
    'fs',
    'vb',
    'php',
    'pl',
    'pm',
    'lua',
    'r',
    'ex',
    'exs',
    'erl',
    'hs',
  ],
  ...['sh', 'bash', 'zsh', 'ps1', 'bat', 'cmd'],
  ...['yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'properties', 'env', 'tf', 'hcl'],
  ...['html', 'htm', 'css', 'scss', 'less'],
]);

/** Whether a file's own comments may carry `residue-ignore`: by the extension of its last path component. */
export function allowsInlineIgnore(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!/') + 1) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 && !name.startsWith('.env')) return false;
  const ext = name.startsWith('.env') ? 'env' : name.slice(dot + 1).toLowerCase();
  return SOURCE_EXTENSIONS.has(ext);
}
