// Report paths are POSIX paths relative to the scan root; a file read inside another (an archive member, a
// sheet, a table, a page) is `outer.zip!/inner.csv`, nested as deep as the archives go.

/** Splits `a.zip!/b.tar!/c.csv` into the file on disk (`a.zip`) and the member path (`b.tar!/c.csv`). */
export function splitMember(path: string): { file: string; member: string | undefined } {
  const at = path.indexOf('!/');
  return at < 0 ? { file: path, member: undefined } : { file: path.slice(0, at), member: path.slice(at + 2) };
}

/**
 * A relative path as a URI reference (RFC 3986): each segment percent-encoded, `/` kept. A segment holding `:`
 * cannot pass for a scheme, and spaces, `#`, `?`, `%` and non-ASCII survive a round trip through any URI parser.
 */
export function pathToUri(path: string): string {
  // A file on another host (`sftp://user@host:port/srv/x.csv`) is an absolute URI: its scheme and authority
  // are kept as they are (already encoded), the path after them encoded as any other.
  const remote = /^sftp:\/\/[^/]*/i.exec(path)?.[0] ?? '';
  return `${remote}${path
    .slice(remote.length)
    .split('/')
    .map((segment) => encodeURIComponent(wellFormed(segment)))
    .join('/')}`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with each lone UTF-16 surrogate (not encodable as UTF-8) replaced by U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
