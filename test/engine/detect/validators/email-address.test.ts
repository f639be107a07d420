import { describe, expect, it } from 'vitest';
import { emailAddress } from '../../../../src/engine/detect/validators/email-address.js';

describe('emailAddress', () => {
  it.each([
    'jane.doe@example.com',
    'j.smith+news@example.co.uk',
    'priya.patel@example.org',
    'Siobhan.OBrien@example.net',
    "o'neill@example.ie",
    'a@example.museum',
    'user_name-1@mail.sub-domain.example.com',
    'x@example.technology',
    'reports@example.email',
  ])('accepts %s', (value) => {
    expect(emailAddress(value)).toEqual({ ok: true });
  });

  it.each([
    ['logo@2x.png', 'a retina image name'],
    ['icon@3x.webp', 'a retina image name'],
    ['bundle@main.js', 'a script'],
    ['styles@print.css', 'a stylesheet'],
    ['app@v2.json', 'a data file'],
    ['index@1.ts', 'a TypeScript file'],
    ['lodash@4.17.21', 'a package specifier'],
    ['chalk@5.6.2', 'a package specifier'],
    ['user@localhost', 'no dot in the domain'],
    ['jane..doe@example.com', 'consecutive dots in the local part'],
    ['.jane@example.com', 'leading dot'],
    ['jane.@example.com', 'trailing dot'],
    ['jane@example..com', 'empty domain label'],
    ['jane@-example.com', 'label starting with a hyphen'],
    ['jane@example-.com', 'label ending with a hyphen'],
    ['jane@example.c', 'one-letter TLD'],
    ['jane@example.abcdefghijklmnopqrstuvwxy', '25-letter TLD'],
    ['jane@exa mple.com', 'space in the domain'],
    ['ja ne@example.com', 'space in the local part'],
    ['a@b@example.com', 'two @'],
    ['@example.com', 'empty local part'],
    [`${'a'.repeat(65)}@example.com`, '65-character local part'],
    ['jane@', 'no domain'],
  ])('rejects %s (%s)', (value) => {
    expect(emailAddress(value)).toEqual({ ok: false });
  });
});
