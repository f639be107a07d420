import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readSync,
  realpathSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ResidueError } from '../../model/errors.js';

/** Where one sealed record lies in the file. */
export interface Extent {
  offset: number;
  length: number;
}

/** IV (12 bytes), tag (16), then the ciphertext. */
const HEADER_BYTES = 12 + 16;
/** Sealed records are written in batches of about this size: one write per many small records. */
const WRITE_BYTES = 1024 * 1024;
/** Linux's O_TMPFILE without O_DIRECTORY (which fs.constants has, per platform): a file with no name at all. */
const LINUX_TMPFILE = 0o20000000;

/**
 * A scratch file for what a scan found, readable only by this process while it runs. It has no name in any
 * folder (Linux O_TMPFILE; elsewhere it is unlinked as soon as it is open), so it never shows up in a walk
 * nor outlives the process, and each record is sealed (AES-256-GCM) with a key held only in memory: what
 * reaches the disk is unreadable once the process is gone, whatever the disk keeps.
 */
export class SealedFile {
  private readonly key = randomBytes(32);
  private records = 0n;
  /** Bytes in the file, and sealed records waiting to be written after them. */
  private written = 0;
  /** By offset, in order. */
  private waiting = new Map<number, Buffer>();
  private waitingBytes = 0;
  /** A write failed (a full disk): nothing more is written. */
  private refused = false;

  private constructor(
    private fd: number | null,
    private readonly named: string | null,
  ) {}

  /**
   * A new scratch file under the temp folder (TMPDIR), or null when none can be made, or when the temp
   * folder lies inside `roots` and the file would need a name there: residue writes nothing in what it scans.
   * `nameless`: try O_TMPFILE first (Linux; tests turn it off to take the other way).
   */
  static open(roots: readonly string[], nameless = process.platform === 'linux'): SealedFile | null {
    const dir = tmpdir();
    if (nameless) {
      try {
        const flags = constants.O_RDWR | constants.O_DIRECTORY | LINUX_TMPFILE;
        return new SealedFile(openSync(dir, flags, 0o600), null);
      } catch {
        // A file system without O_TMPFILE: a named file, briefly, as elsewhere.
      }
    }
    if (roots.some((root) => within(real(root), real(dir)))) return null;
    let folder: string | null = null;
    try {
      folder = mkdtempSync(join(dir, 'residue-spool-'));
      const path = join(folder, 'spool');
      const fd = openSync(path, 'wx+', 0o600);
      try {
        unlinkSync(path);
        rmdirSync(folder);
        return new SealedFile(fd, null);
      } catch {
        // Windows keeps an open file's name: removed when closed, at the latest when the process exits.
        const file = new SealedFile(fd, folder);
        process.once('exit', () => file.close());
        return file;
      }
    } catch {
      if (folder) rmSync(folder, { recursive: true, force: true });
      return null;
    }
  }

  /**
   * Seals `text` as one record at the end of the file. Never fails: when the disk refuses a write (full, or a
   * file size limit), this record and those after it stay here, sealed, in memory.
   */
  append(text: string): Extent {
    // A counter as the IV: never repeated under this file's key.
    const iv = Buffer.alloc(12);
    iv.writeBigUInt64LE(this.records++, 4);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = cipher.update(text, 'utf8');
    const last = cipher.final();
    const record = Buffer.concat([iv, cipher.getAuthTag(), body, last]);
    const extent = { offset: this.written + this.waitingBytes, length: record.length };
    this.waiting.set(extent.offset, record);
    this.waitingBytes += record.length;
    if (this.waitingBytes >= WRITE_BYTES) this.flush();
    return extent;
  }

  /** The text of one record. A record that does not open (the file was changed under us) is a SPOOL error. */
  read(extent: Extent): string {
    const record = extent.offset >= this.written ? this.held(extent) : this.readBack(extent);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, record.subarray(0, 12));
      decipher.setAuthTag(record.subarray(12, HEADER_BYTES));
      return decipher.update(record.subarray(HEADER_BYTES), undefined, 'utf8') + decipher.final('utf8');
    } catch {
      throw this.error('the file was changed');
    }
  }

  /** Writes the records waiting, unless a write failed before: from then on they are kept in memory. */
  flush(): void {
    if (this.waitingBytes === 0 || this.refused) return;
    const fd = this.live();
    const batch = Buffer.concat([...this.waiting.values()], this.waitingBytes);
    try {
      for (let at = 0; at < batch.length; )
        at += writeSync(fd, batch, at, batch.length - at, this.written + at);
    } catch {
      this.refused = true;
      return;
    }
    this.written += batch.length;
    this.waiting = new Map();
    this.waitingBytes = 0;
  }

  /** A record still waiting to be written (in memory). */
  private held(extent: Extent): Buffer {
    const record = this.waiting.get(extent.offset);
    if (!record) throw this.error('no such record');
    return record;
  }

  private readBack(extent: Extent): Buffer {
    const record = Buffer.alloc(extent.length);
    const fd = this.live();
    try {
      for (let got = 0; got < record.length; ) {
        const n = readSync(fd, record, got, record.length - got, extent.offset + got);
        if (n === 0) throw new Error('short');
        got += n;
      }
    } catch (e) {
      throw this.error((e as NodeJS.ErrnoException).code ?? 'the file is shorter than written');
    }
    return record;
  }

  private error(detail: string): ResidueError {
    return new ResidueError('SPOOL', { folder: tmpdir(), detail });
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    this.waiting = new Map();
    if (this.named) rmSync(this.named, { recursive: true, force: true });
  }

  private live(): number {
    if (this.fd === null) throw this.error('closed');
    return this.fd;
  }
}

/** The path with its links resolved, as far as it exists. */
function real(path: string): string {
  try {
    return realpathSync(resolve(path));
  } catch {
    return resolve(path);
  }
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
