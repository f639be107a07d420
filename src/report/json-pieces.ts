/**
 * `JSON.stringify(value, null, 2)` in pieces, the top-level list `key` taken one element at a time from
 * `items`: the text before the list, each element, the text after. Joined, the pieces are that one string,
 * which for a large report or diff would pass V8's ~512 MiB string limit.
 */
export function* prettyJsonPieces(
  value: Record<string, unknown>,
  key: string,
  items: Iterable<unknown>,
): Generator<string> {
  // The spread keeps `key` at its place in the key order. A slot no value can print: JSON escapes NUL.
  const slot = JSON.stringify('\u0000list\u0000');
  const shell = JSON.stringify({ ...value, [key]: JSON.parse(slot) }, null, 2);
  // A top-level key, so two spaces of indent; a string value cannot hold the newline before it.
  const at = shell.indexOf(`\n  ${JSON.stringify(key)}: ${slot}`) + `\n  ${JSON.stringify(key)}: `.length;
  yield shell.slice(0, at);
  let listed = 0;
  // An element of a list under a top-level key sits two levels deep: four spaces of indent.
  for (const item of items) {
    yield `${listed++ === 0 ? '[\n' : ',\n'}    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}`;
  }
  yield listed === 0 ? '[]' : '\n  ]';
  yield `${shell.slice(at + slot.length)}\n`;
}
