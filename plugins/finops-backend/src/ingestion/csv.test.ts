import { parseCsv, CsvFormatError } from './csv';

async function parseAll(chunks: string[]) {
  const out: { line: number; fields: string[] }[] = [];
  async function* source() {
    for (const c of chunks) yield Buffer.from(c, 'utf8');
  }
  for await (const r of parseCsv(source())) out.push(r);
  return out;
}

function splitEvery(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size)
    parts.push(text.slice(i, i + size));
  return parts;
}

const SAMPLE =
  '\uFEFFa,b,c\r\n' +
  '1,"two, with comma","say ""hi"""\r\n' +
  '"multi\nline",,NULL\r\n' +
  'last,row,"é ünïcode"';

describe('parseCsv', () => {
  it('reads a BOM, CRLF, quoted commas, doubled quotes, embedded newlines and a last line without newline', async () => {
    const records = await parseAll([SAMPLE]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, with comma', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', '', 'NULL'] },
      { line: 5, fields: ['last', 'row', 'é ünïcode'] },
    ]);
  });

  it.each([1, 2, 3, 7])(
    'gives the same records whatever the chunk size (%i chars)',
    async size => {
      expect(await parseAll(splitEvery(SAMPLE, size))).toEqual(
        await parseAll([SAMPLE]),
      );
    },
  );

  it('splits a multi-byte character across chunks without corrupting it', async () => {
    const bytes = Buffer.from('x\n"é"\n', 'utf8');
    async function* source() {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    }
    const out = [];
    for await (const r of parseCsv(source())) out.push(r.fields);
    expect(out).toEqual([['x'], ['é']]);
  });

  it('skips blank lines', async () => {
    expect((await parseAll(['a\n\nb\n'])).map(r => r.fields)).toEqual([
      ['a'],
      ['b'],
    ]);
  });

  it('fails clearly on an unterminated quoted field', async () => {
    await expect(parseAll(['a,b\n1,"open\n'])).rejects.toThrow(CsvFormatError);
    await expect(parseAll(['a,b\n1,"open\n'])).rejects.toThrow(
      /unterminated quoted field starting on line 2/,
    );
  });
});
