import { describe, expect, it } from 'vitest';
import {
  FileClassifier,
  MAX_RECORD_MATCHES,
  resolveOverlaps,
} from '../../../src/engine/classify/classify.js';
import type { RawMatch } from '../../../src/engine/detect/detect.js';
import type { Category } from '../../../src/model/vocabulary.js';

let seed = 7;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const match = (
  category: Category,
  start: number,
  length: number,
  confidence: number,
  value = 'x',
): RawMatch => ({
  ruleId: `uk.${category}`,
  category,
  severity: 'medium',
  start,
  end: start + length,
  line: 1,
  column: start + 1,
  value,
  confidence,
  reasons: [],
  testData: false,
});

/** The definition: strongest first, each kept unless it overlaps one already kept; then in text order. */
function bruteForce(matches: RawMatch[]): RawMatch[] {
  const byStrength = [...matches].sort(
    (a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: RawMatch[] = [];
  for (const m of byStrength) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}

describe('resolveOverlaps', () => {
  it('keeps the most confident of overlapping candidates, as the definition does, on random records', () => {
    const categories: Category[] = ['phone-number', 'nhs-number', 'person-name', 'postcode'];
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 60);
      const matches = Array.from({ length: n }, () =>
        match(
          categories[Math.floor(random() * categories.length)] as Category,
          Math.floor(random() * 200),
          1 + Math.floor(random() * 20),
          Math.round(random() * 10) / 10,
        ),
      );
      expect(resolveOverlaps(matches)).toEqual(bruteForce(matches));
    }
  });

  it('reads the same digits as the stronger rule only', () => {
    const phone = match('phone-number', 10, 12, 0.6);
    const nhs = match('nhs-number', 10, 12, 0.9);
    const name = match('person-name', 30, 10, 0.7);
    expect(resolveOverlaps([phone, nhs, name])).toEqual([nhs, name]);
  });
});

describe('FileClassifier records', () => {
  it('takes a record left open with more candidates than one person holds in slices of MAX_RECORD_MATCHES', () => {
    const classifier = new FileClassifier({ minConfidence: 0.5, showValues: false, maxFindings: 10 });
    // 3 slices' worth of name + email pairs in one record that never closes (one JSON object, one endless line).
    const pairs = (MAX_RECORD_MATCHES * 3) / 2;
    const matches: RawMatch[] = [];
    for (let i = 0; i < pairs; i++) {
      matches.push(match('person-name', i * 40, 10, 0.8, `Person ${i}`));
      matches.push(match('email-address', i * 40 + 15, 20, 0.8, `p${i}@example.com`));
    }
    classifier.add(matches);
    classifier.close([]);
    const c = classifier.finish();
    expect(c.counts).toEqual({ 'person-name': pairs, 'email-address': pairs });
    // Each slice is a record linking names and emails: three, where a never-ending record made one.
    expect(c.records).toBe(3);
    expect(c.verdict).toBe('personal-data');
  });

  it('counts a record once however often its values come back, in any order and case', () => {
    const classifier = new FileClassifier({ minConfidence: 0.5, showValues: false, maxFindings: 10 });
    const person = (at: number, name: string, email: string, nameFirst: boolean): RawMatch[] => {
      const n = match('person-name', at + (nameFirst ? 0 : 30), 10, 0.8, name);
      const e = match('email-address', at + (nameFirst ? 15 : 0), 20, 0.8, email);
      return nameFirst ? [n, e] : [e, n];
    };
    const records = [
      person(0, 'Jane Smith', 'jane@example.com', true),
      person(100, 'JANE SMITH', 'Jane@Example.com', false),
      person(200, 'Jane Smith', 'jane.smith@example.com', true),
      person(300, 'Ravi Patel', 'jane@example.com', true),
    ];
    classifier.add(records.flat());
    classifier.close(records.map((_r, i) => ({ start: i * 100, end: i * 100 + 99 })));
    expect(classifier.finish().records).toBe(3);
  });

  it('cuts a record too big for one person at its inner records (the orders of a page of an API dump)', () => {
    const classifier = new FileClassifier({ minConfidence: 0.5, showValues: false, maxFindings: 10 });
    // One page object holding 600 orders, each a name and an email: 1,200 candidates, more than one record holds.
    const orders = 600;
    const matches: RawMatch[] = [];
    const inner = [];
    for (let i = 0; i < orders; i++) {
      matches.push(match('person-name', 10 + i * 50, 10, 0.8, `Person ${i}`));
      matches.push(match('email-address', 25 + i * 50, 20, 0.8, `p${i}@example.com`));
      inner.push({ start: 5 + i * 50, end: 50 + i * 50, inner: true });
    }
    classifier.add(matches);
    classifier.close([...inner, { start: 0, end: 10 + orders * 50 }]);
    expect(classifier.finish().records).toBe(orders);
  });

  it('keeps a record of one person whole, inner records and all (a customer with a few orders)', () => {
    const classifier = new FileClassifier({ minConfidence: 0.5, showValues: false, maxFindings: 10 });
    const matches = [
      match('person-name', 10, 10, 0.8, 'Jane Smith'),
      match('email-address', 25, 20, 0.8, 'jane@example.com'),
      match('postcode', 60, 8, 0.8, 'LS1 4AB'),
      match('postcode', 110, 8, 0.8, 'BS1 5TR'),
    ];
    classifier.add(matches);
    classifier.close([
      { start: 55, end: 100, inner: true },
      { start: 105, end: 150, inner: true },
      { start: 0, end: 160 },
    ]);
    const c = classifier.finish();
    expect(c.records).toBe(1);
    expect(c.counts).toEqual({ 'person-name': 1, 'email-address': 1, postcode: 2 });
  });

  it('remembers only the inner records that hold a candidate (a JSON array of a million empty objects)', () => {
    const classifier = new FileClassifier({ minConfidence: 0.5, showValues: false, maxFindings: 10 });
    const held = () => (classifier as unknown as { inner: unknown[] }).inner.length;
    // One record open throughout; each segment closes 10,000 empty inner objects and holds one name and email.
    for (let segment = 0; segment < 20; segment++) {
      const base = segment * 1_000_000;
      classifier.add([
        match('person-name', base + 10, 10, 0.8, `Person ${segment}`),
        match('email-address', base + 25, 20, 0.8, `p${segment}@example.com`),
      ]);
      classifier.close(
        Array.from({ length: 10_000 }, (_, i) => ({
          start: base + 50 + i * 10,
          end: base + 55 + i * 10,
          inner: true,
        })),
      );
      // Only the first inner object of each segment holds a candidate (by the start-before-end rule).
      expect(held()).toBe(segment + 1);
    }

    classifier.close([{ start: 0, end: 20_000_000 }]);
    const c = classifier.finish();
    expect(c.counts).toEqual({ 'person-name': 20, 'email-address': 20 });
    expect(held()).toBe(0);
  });
});
