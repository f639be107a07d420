/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 represents a slice or regex match of 13 or
 * more characters as a view into its parent string, so a match remembered in a cache would pin its whole segment
 * (1 MiB of text, 2 MiB as UTF-16) for as long as the cache lives. Concatenating flattens into a fresh string,
 * and the slice of that is a view of the fresh, short copy only.
 */
export function detached(s: string): string {
  return ` ${s}`.slice(1);
}
