import { CATEGORIES, type Category } from '../model/vocabulary.js';

/**
 * The finding fingerprints of both reports of a diff, each given a small number (its id) once, and each
 * file's ids. A diff of two large reports holds millions of values: as strings in maps they cost ~200 bytes
 * each; here a 128-bit print (32 hex digits, see fingerprint/keyed.ts) is four words in an open-addressing
 * table, ~40 bytes a value with the table's slack. A print in any other form (a hand-made report) is kept by
 * its string, which is exact too. Files' ids go one after another into one array, a file holding where its
 * own start: an array per file cost ~200 bytes each, and a report can list half a million files.
 */
export class PrintTable {
  /** Four words per slot; a slot is empty when its id is -1. */
  private words = new Uint32Array(4 * INITIAL_SLOTS);
  private slots = new Int32Array(INITIAL_SLOTS).fill(-1);
  private readonly other = new Map<string, number>();
  /** Category index by id: a print keys its category (keyed.ts hashes the category with the value). */
  private categoryOf = new Uint8Array(INITIAL_SLOTS);
  private count = 0;
  private lists = new Uint32Array(INITIAL_SLOTS);
  private listed = 0;

  get size(): number {
    return this.count;
  }

  /** The print's id, made at its first sighting with the category it was first seen under. */
  id(print: string, category: Category): number {
    if (!HEX_PRINT.test(print)) {
      const known = this.other.get(print);
      if (known !== undefined) return known;
      const id = this.add(category);
      this.other.set(print, id);
      return id;
    }
    const a = Number.parseInt(print.slice(0, 8), 16);
    const b = Number.parseInt(print.slice(8, 16), 16);
    const c = Number.parseInt(print.slice(16, 24), 16);
    const d = Number.parseInt(print.slice(24, 32), 16);
    const found = this.find(a, b, c, d);
    if (this.slots[found] !== -1) return this.slots[found] as number;
    const id = this.add(category);
    this.put(found, a, b, c, d, id);
    // At most half full: probes stay short.
    if (2 * (this.count - this.other.size) > this.slots.length) this.grow();
    return id;
  }

  category(id: number): Category {
    return CATEGORIES[this.categoryOf[id] as number] as Category;
  }

  /**
   * Keeps `ids` (sorted in place) distinct and ascending, the shape in which files are compared by merging;
   * returns where they start. `list(at, count)` gives them back.
   */
  addList(ids: number[]): { at: number; count: number } {
    ids.sort((a, b) => a - b);
    if (this.listed + ids.length > this.lists.length) {
      const more = new Uint32Array(Math.max(2 * this.lists.length, this.listed + ids.length));
      more.set(this.lists.subarray(0, this.listed));
      this.lists = more;
    }
    const at = this.listed;
    for (const [i, id] of ids.entries()) {
      if (i === 0 || id !== ids[i - 1]) this.lists[this.listed++] = id;
    }
    return { at, count: this.listed - at };
  }

  /** A view of a list: valid until the next addList. */
  list(at: number, count: number): Uint32Array {
    return this.lists.subarray(at, at + count);
  }

  private add(category: Category): number {
    const id = this.count++;
    if (id >= this.categoryOf.length) {
      const more = new Uint8Array(this.categoryOf.length * 2);
      more.set(this.categoryOf);
      this.categoryOf = more;
    }
    this.categoryOf[id] = CATEGORIES.indexOf(category);
    return id;
  }

  /** The slot holding the print, or the empty slot where it would go. */
  private find(a: number, b: number, c: number, d: number): number {
    const mask = this.slots.length - 1;
    // The print is an HMAC: its first word is already uniformly spread.
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      if (this.slots[slot] === -1) return slot;
      const w = 4 * slot;
      const words = this.words;
      if (words[w] === a && words[w + 1] === b && words[w + 2] === c && words[w + 3] === d) return slot;
    }
  }

  private put(slot: number, a: number, b: number, c: number, d: number, id: number): void {
    const w = 4 * slot;
    this.words[w] = a;
    this.words[w + 1] = b;
    this.words[w + 2] = c;
    this.words[w + 3] = d;
    this.slots[slot] = id;
  }

  private grow(): void {
    const oldWords = this.words;
    const oldSlots = this.slots;
    this.words = new Uint32Array(oldWords.length * 2);
    this.slots = new Int32Array(oldSlots.length * 2).fill(-1);
    for (let s = 0; s < oldSlots.length; s++) {
      const id = oldSlots[s] as number;
      if (id === -1) continue;
      const w = 4 * s;
      const a = oldWords[w] as number;
      const b = oldWords[w + 1] as number;
      const c = oldWords[w + 2] as number;
      const d = oldWords[w + 3] as number;
      this.put(this.find(a, b, c, d), a, b, c, d, id);
    }
  }
}

const INITIAL_SLOTS = 1024;
const HEX_PRINT = /^[0-9a-f]{32}$/;
