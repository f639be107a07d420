/**
 * The NHS Data Dictionary modulus 11 check, shared by NHS (England, Wales, Isle of Man), CHI (Scotland) and
 * H&C (Northern Ireland) numbers: the first nine digits weighted 10 down to 2, check digit 11 - (sum mod 11),
 * where 11 becomes 0 and 10 means no number with that stem is ever issued. `digits` must be ten ASCII digits.
 */
export function mod11CheckHolds(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}

/** The ten digits of `value` when it holds exactly ten digits and nothing else but space or dash separators. */
export function tenDigits(value: string): string | null {
  let digits = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    if (c < 48 || c > 57 || digits.length === 10) return null;
    digits += value[i];
  }
  return digits.length === 10 ? digits : null;
}
