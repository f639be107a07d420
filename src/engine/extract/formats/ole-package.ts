/**
 * `\x01Ole10Native`: the stream where Office keeps a file dropped into a document as an OLE Package (a CSV
 * dragged onto a sheet). Its layout is not in Microsoft's specifications; as reverse-engineered (oletools'
 * `oleobj.py`): a 4-byte size, then the Package header — a 2-byte type, the label and the original path
 * (NUL-terminated ANSI), 8 bytes, a temporary path (NUL-terminated), a 4-byte data size — then the file.
 */
export interface OlePackage {
  /** The file's name as the package labels it, or null when the header could not be read. */
  name: string | null;
  data: Uint8Array;
}

/**
 * The embedded file. When the header does not parse, the whole stream after its size is the data: it is
 * scanned all the same, and a text file in it is still found.
 */
export function olePackage(stream: Uint8Array): OlePackage {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let at = 4 + 2;
  const cstring = (): string | null => {
    const end = stream.indexOf(0, at);
    if (end === -1) return null;
    const text = Buffer.from(stream.subarray(at, end)).toString('latin1');
    at = end + 1;
    return text;
  };
  const whole = { name: null, data: stream.subarray(Math.min(4, stream.length)) };
  if (stream.length < at) return whole;
  const label = cstring();
  if (label === null || cstring() === null) return whole;
  at += 8;
  if (at > stream.length || cstring() === null || at + 4 > stream.length) return whole;
  const size = view.getUint32(at, true);
  at += 4;
  if (size > stream.length - at) return whole;
  return { name: fileName(label), data: stream.subarray(at, at + size) };
}

/** The label's last path component, printable characters only; null when nothing is left. */
function fileName(label: string): string | null {
  const leaf = label.slice(Math.max(label.lastIndexOf('\\'), label.lastIndexOf('/')) + 1);
  const clean = [...leaf]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return clean.length > 0 ? clean : null;
}
