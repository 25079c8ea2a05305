// Telling Windows-1251 from UTF-8 and from the code pages we refuse, by rule: the same file must read the same way
// after any small edit (a statistical guess tipped between Windows-1251 and ISO-8859-2 on a renamed district), and
// a file of another code page must be refused, never read as Cyrillic nonsense.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, EncodingError } from '../src/index.ts';

const NAMES = ['Иван Петров', 'Мария Смирнова', 'Ольга Кузнецова', 'Сергей Волков', 'Ёлкин Фёдор', 'Аральск'];

describe('Windows-1251 by rule', () => {
  it('reads a short register the same way after each one-line edit', () => {
    const base = ['voter_id;district;name', 'RU-1;north;Иван Петров', 'RU-2;south;Мария Смирнова'];
    for (const edit of [
      [...base, 'RU-3;north;Ян Ли'],
      [...base, 'RU-3;north;A'],
      base.map((l) => l.replace('north', 'east')),
      ['voter_id;district;name', 'RU-1;north;Ян'],
      [...base, 'RU-3;north;"ОАО ""Рога и копыта"""', 'RU-4;north;№ 5 — «Центр»'],
    ]) {
      const text = `${edit.join('\r\n')}\r\n`;
      const decoded = decodeText(iconv.encode(text, 'win1251'));
      expect(decoded).toEqual({ text, encoding: 'Windows-1251', detected: true });
    }
  });

  it('reads any register of Russian names as Windows-1251 (property)', () => {
    const name = fc.constantFrom(...NAMES);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('north', 'south', 'Север'), name), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const text = ['voter_id;district;name', ...rows.map(([d, n], i) => `V-${i};${d};${n}`)].join('\n');
          expect(decodeText(iconv.encode(text, 'win1251')).encoding).toBe('Windows-1251');
        },
      ),
    );
  });

  it('takes valid UTF-8 without a BOM as UTF-8, whatever a guess would say', () => {
    const text = 'voter_id,district,name\nKZ-1,north,Әсел Қасымова\nKZ-2,north,Ян\n';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'UTF-8', detected: true });
  });

  it('refuses Latin code pages read as Cyrillic, naming the first such line', () => {
    for (const [page, text] of [
      ['win1252', 'voter_id,district,name\r\nKZ-1,north,Asel\r\nKZ-2,north,Äsel Özgür\r\n'],
      ['iso88592', 'voter_id,district,name\r\nPL-1,north,Jan\r\nPL-2,north,Łukasz Żółć\r\n'],
    ] as const) {
      const error = (() => {
        try {
          decodeText(iconv.encode(text, page));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, page).toBeInstanceOf(EncodingError);
      expect((error as EncodingError).line).toBe(3);
      expect((error as Error).message).toMatch(/cannot tell the file's encoding/);
    }
  });

  it('refuses KOI8-R (its Cyrillic read as Windows-1251 puts capitals after small letters)', () => {
    const bytes = iconv.encode('voter_id;district;name\r\nRU-1;north;Иван Петров\r\n', 'koi8-r');
    expect(() => decodeText(bytes)).toThrow(/line 2: cannot tell the file's encoding/);
  });
});
