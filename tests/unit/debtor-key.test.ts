import { describe, expect, it } from 'vitest';
import { normaliseName, personKey } from '../../lib/cases/debtor-key';

// What normaliseName has always meant; its per-letter table must give exactly this, or imports would stop
// recognising the debtors already stored under keys made this way.
const reference = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .sort()
    .join(' ');

describe('normaliseName', () => {
  it('strips accents, case and punctuation, and sorts the words', () => {
    expect(normaliseName("  Éloïse  D'Aubigné-Noël ")).toBe('AUBIGNE D ELOISE NOEL');
    expect(personKey('Jean-François', 'Müller', '75 001')).toBe('P:FRANCOIS JEAN MULLER|75001');
  });

  it('agrees with Unicode normalisation on every letter, alone and among others', () => {
    for (let code = 0; code < 0x800; code++) {
      const c = String.fromCharCode(code);
      expect(normaliseName(c)).toBe(reference(c));
      expect(normaliseName(`ab${c}cd ${c}x`)).toBe(reference(`ab${c}cd ${c}x`));
    }
  });

  it('agrees on decomposed accents, ligatures, other scripts and emoji', () => {
    for (const name of [
      'Zoe\u0301 Cre\u0300vecoeur',
      'ŒUVRE Straße ǅemal ŉ ſ ı',
      'Ἀθηνᾶ Παπαδοπούλου',
      'Иванов Пётр',
      'Nguyễn Thị Minh Khai',
      '李 小龍',
      'Ana 😀 Lima',
      '\uD800 lone surrogate',
      '',
    ]) {
      expect(normaliseName(name)).toBe(reference(name));
    }
  });

  it('agrees on random names made of French and other letters', () => {
    const letters = "aàâäbcçdeéèêëfghiîïjklmnoôöœpqrstuùûüvwxyÿzAÀÉÈÇŒ -'.,0123456789ßæÆøØåÅñÑłŁ";
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      let name = '';
      for (let j = Math.floor(random() * 24); j > 0; j--) name += letters[Math.floor(random() * letters.length)];
      expect(normaliseName(name)).toBe(reference(name));
    }
  });
});
