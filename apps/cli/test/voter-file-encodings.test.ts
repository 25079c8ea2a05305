// Voter files as Excel in Kazakhstan saves them: Windows-1251 (Russian names only: it has no ә ғ қ ң ө ұ ү һ),
// UTF-16LE with a BOM ("Unicode text", tab-separated) and UTF-8 with a BOM, with ",", ";" or tabs. Each is either
// read with a note saying how, or refused with the line to look at; a name never comes out with � in it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, EncodingError } from '@saylau/documents';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../src/cli/errors.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { readRegisterCsv, readVoterIdsCsv } from '../src/files/voters-csv.ts';
import { REPO, saylauInProcess, tempDir } from './helpers.ts';

const FIXTURES = join(REPO, 'test/fixtures/voters');
const DISTRICTS = ['north', 'south'];

/** The CliError a call throws, so a test can read its message. */
function refusal(read: () => unknown): CliError {
  try {
    read();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('the file was read, but it should have been refused');
}

describe('voter files in the encodings Excel writes', () => {
  it('reads Windows-1251 with ";" (Russian names, CRLF, quoted separators and quotes)', () => {
    const report = readRegisterCsv(join(FIXTURES, 'voters-windows-1251.csv'), DISTRICTS);
    expect(report.note).toBe('read as Windows-1251 (detected), 10 rows, separator ";"');
    expect(report.problems).toEqual([]);
    expect(report.accepted).toHaveLength(10);
    expect(report.accepted[1]).toMatchObject({ line: 3, name: 'Мария Смирнова', contact: 'Аральск; ул. Абая, 12' });
    expect(report.accepted[3]).toMatchObject({ voterId: 'RU-0004', name: 'Сергей "Серый" Волков' });
  });

  it('reads UTF-16LE with a BOM, tab-separated, with Kazakh names and the columns in another order', () => {
    const report = readRegisterCsv(join(FIXTURES, 'voters-utf16le-bom.txt'), DISTRICTS);
    expect(report.note).toBe('read as UTF-16LE with a BOM, 10 rows, separator tab');
    expect(report.problems).toEqual([]);
    expect(report.accepted.map((v) => v.name)).toContain('Һадиша Әлиева');
    expect(report.accepted[0]).toMatchObject({ line: 2, voterId: 'KZ-0101', district: 'north', name: 'Әсел Қасымова' });
    expect(report.accepted[8]?.contact).toBe('Арал "Орталық" ықшамауданы');
  });

  it('reads UTF-8 with a BOM and ";" with Kazakh names', () => {
    const report = readRegisterCsv(join(FIXTURES, 'voters-utf8-bom-semicolon.csv'), DISTRICTS);
    expect(report.note).toBe('read as UTF-8 with a BOM, 5 rows, separator ";"');
    expect(report.accepted.map((v) => [v.line, v.voterId, v.name])).toEqual([
      [2, 'KZ-0201', 'Әсел Қасымова'],
      [3, 'KZ-0202', 'Дәулет Сәрсенбаев'],
      [4, 'KZ-0203', 'Гүлнар "Гүля" Өтегенова'],
      [5, 'KZ-0204', 'Айгерім Сейітқызы'],
      [6, 'KZ-0205', 'Нұрлан Үсенов'],
    ]);
    expect(report.accepted[1]?.contact).toBe('Арал; Абай к-сі 12');
  });

  it('reads the paper voters list from the same files', () => {
    const paper = readVoterIdsCsv(join(FIXTURES, 'voters-utf16le-bom.txt'));
    expect(paper.note).toBe('read as UTF-16LE with a BOM, 10 rows, separator tab');
    expect(paper.ids).toHaveLength(10);
    expect(readVoterIdsCsv(join(FIXTURES, 'voters-windows-1251.csv')).ids[9]).toBe('RU-0010');
  });

  it('detects UTF-8 without a BOM', () => {
    const file = join(tempDir(), 'utf8.csv');
    writeFileSync(file, 'voter_id,district,name\nKZ-1,north,Әсел Қасымова\nKZ-2,south,Ғалым Нұрғалиев\n');
    const report = readRegisterCsv(file, DISTRICTS);
    expect(report.note).toBe('read as UTF-8 (detected), 2 rows, separator ","');
    expect(report.accepted[1]?.name).toBe('Ғалым Нұрғалиев');
  });

  it('says so for a plain ASCII file', () => {
    const file = join(tempDir(), 'ascii.csv');
    writeFileSync(file, 'voter_id\r\nA\r\nB\r\n');
    expect(readVoterIdsCsv(file).note).toBe('read as plain ASCII, 2 rows, separator ","');
  });

  it('keeps the per-line report of duplicates and unknown districts in a UTF-16 file', () => {
    const file = join(tempDir(), 'dup.txt');
    writeFileSync(
      file,
      iconv.encode('voter_id\tdistrict\tname\r\nA\tnorth\tӘсел\r\nA\tsouth\tҒалым\r\nB\tмоон\tҚанат\r\n', 'utf16le', {
        addBOM: true,
      }),
    );
    const report = readRegisterCsv(file, DISTRICTS);
    expect(report.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'duplicate'],
      [4, 'unknown-district'],
    ]);
    expect(report.problems[1]?.message).toContain('"моон"');
  });
});

describe('voter files that are refused, with the line to look at', () => {
  const dir = tempDir();
  const write = (name: string, bytes: Uint8Array) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('refuses bytes that are not UTF-8 (they would decode to �), naming their line', () => {
    const good = Buffer.from('\ufeffvoter_id;district;name\nKZ-1;north;Әсел\nKZ-2;north;Ғалым\n');
    const file = write(
      'broken.csv',
      Buffer.concat([good, Buffer.from('KZ-3;south;Қ'), Buffer.from([0xff, 0xfe]), Buffer.from('нат\n')]),
    );
    const error = refusal(() => readRegisterCsv(file, DISTRICTS));
    expect(error.message).toContain('line 4: bytes that cannot be read as UTF-8 with a BOM');
    expect(error.message).not.toContain('\ufffd');
  });

  it('refuses a Windows-1251 file where Excel wrote "?" for the Kazakh letters it cannot hold', () => {
    const text = [
      'voter_id;district;name',
      'KZ-1;north;Иван Петров',
      'KZ-2;north;Мария Смирнова',
      'KZ-3;south;Ольга Кузнецова',
      'KZ-4;south;Әсел Қасымова',
      'KZ-5;south;Дмитрий Соколов',
      'KZ-6;north;Екатерина Лебедева',
      '',
    ].join('\r\n');
    // iconv-lite, like Excel, writes "?" for a character the code page lacks
    const bytes = iconv.encode(text, 'win1251');
    expect(iconv.decode(bytes, 'win1251')).toContain('?сел ?асымова');
    const error = refusal(() => readRegisterCsv(write('lost.csv', bytes), DISTRICTS));
    expect(error.message).toMatch(/line 5: a "\?" inside a word: Windows-1251 has no ә ғ қ ң ө ұ ү һ/);
  });

  it('refuses a file whose encoding cannot be told, naming the first line with such bytes', () => {
    // Latin Kazakh in Windows-1252: read as Windows-1251 it would be Cyrillic nonsense
    const bytes = iconv.encode('voter_id,district,name\r\nKZ-1,north,Asel\r\nKZ-2,north,Äsel Özgür\r\n', 'win1252');
    const error = refusal(() => readRegisterCsv(write('latin.csv', bytes), DISTRICTS));
    expect(error.message).toMatch(/line 3: cannot tell the file's encoding/);
    expect(error.message).toContain('CSV UTF-8');
  });

  it('refuses UTF-16 without a BOM rather than reading NULs into the header', () => {
    expect(() => decodeText(iconv.encode('voter_id\r\nA\r\n', 'utf16le'))).toThrow(EncodingError);
    expect(() => decodeText(iconv.encode('voter_id\r\nA\r\n', 'utf16le'))).toThrow(/line 1/);
  });

  it('refuses a header that two separators split', () => {
    const error = refusal(() =>
      readRegisterCsv(write('mixed.csv', Buffer.from('voter_id;district,name\nA;north,x\n')), DISTRICTS),
    );
    expect(error.message).toContain('line 1: the header can be split at "," and at ";"');
  });
});

describe('saylau register import and paper-voters import with these files', () => {
  const ADMIN = 'voter-file-encodings-admin-token-01';
  let server: RunningServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    const dir = tempDir();
    server = await startServer({ db: join(dir, 'saylau.db'), adminToken: ADMIN, intake: { workers: 0 } });
    env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: 'aral-2026-budget' };
    const defined = await saylauInProcess(['election', 'define', join(REPO, 'test/fixtures/definitions/town-budget.yaml')], env);
    if (defined.code !== 0) throw new Error(defined.stderr);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('register import --check prints how each file was read', async () => {
    const run = await saylauInProcess(['register', 'import', '--check', join(FIXTURES, 'voters-windows-1251.csv')], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('note: read as Windows-1251 (detected), 10 rows, separator ";"');
    expect(run.stdout).toContain('10 rows, 10 accepted, 0 duplicates');
    const unicode = await saylauInProcess(['register', 'import', '--check', join(FIXTURES, 'voters-utf16le-bom.txt')], env);
    expect(unicode.stdout).toContain('note: read as UTF-16LE with a BOM, 10 rows, separator tab');
  });

  it('paper-voters import reads the same files and refuses an unreadable one before sending anything', async () => {
    const read = await saylauInProcess(['paper-voters', 'import', join(FIXTURES, 'voters-utf8-bom-semicolon.csv')], env);
    expect(read.stdout).toContain('note: read as UTF-8 with a BOM, 5 rows, separator ";"');
    const file = join(tempDir(), 'paper.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('\ufeffvoter_id\nKZ-1\nKZ-'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
    const refused = await saylauInProcess(['paper-voters', 'import', file], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('line 3: bytes that cannot be read as UTF-8 with a BOM');
    expect(refused.stdout + refused.stderr).not.toContain('\ufffd');
  });
});
