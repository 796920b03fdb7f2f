import { parseCsv, CsvFormatError, Utf8Chunks } from './csv';

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

  const QUIRKS =
    'id,note,tags\r' +
    '1,6" pipe,"{""env"": ""prod""}"\r' +
    '2,"",x""y\n' +
    '3,"a\r\nb",""""\r\n';

  it('keeps a quote inside an unquoted field, reads CR-only line ends and empty quoted fields', async () => {
    expect(await parseAll([QUIRKS])).toEqual([
      { line: 1, fields: ['id', 'note', 'tags'] },
      { line: 2, fields: ['1', '6" pipe', '{"env": "prod"}'] },
      { line: 3, fields: ['2', '', 'x""y'] },
      { line: 4, fields: ['3', 'a\r\nb', '"'] },
    ]);
  });

  it.each([1, 2, 5, 11])(
    'reads those quirks the same whatever the chunk size (%i chars)',
    async size => {
      expect(await parseAll(splitEvery(QUIRKS, size))).toEqual(
        await parseAll([QUIRKS]),
      );
    },
  );

  it('keeps every record and its line across many batches', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `${i},"v${i}"`);
    const records = await parseAll([`n,v\n${lines.join('\n')}\n`]);
    expect(records).toHaveLength(2001);
    expect(records[1234]).toEqual({ line: 1235, fields: ['1233', 'v1233'] });
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

describe('Utf8Chunks', () => {
  const TEXT = 'a,é,€,𝄞,ü\nzł,日本,\u00a0end';
  const bytes = Buffer.from(TEXT, 'utf8');

  it('decodes characters split across chunks at every byte position', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let cut2 = cut; cut2 <= bytes.length; cut2 += 3) {
        const decoder = new Utf8Chunks();
        const text =
          decoder.write(bytes.subarray(0, cut)) +
          decoder.write(bytes.subarray(cut, cut2)) +
          decoder.write(bytes.subarray(cut2)) +
          decoder.end();
        expect(text).toBe(TEXT);
      }
    }
  });

  it('decodes one byte at a time', () => {
    const decoder = new Utf8Chunks();
    let text = '';
    for (let i = 0; i < bytes.length; i++)
      text += decoder.write(bytes.subarray(i, i + 1));
    expect(text + decoder.end()).toBe(TEXT);
  });

  it('ends a truncated character as a replacement character', () => {
    const decoder = new Utf8Chunks();
    const euro = Buffer.from('€', 'utf8');
    expect(
      decoder.write(Buffer.concat([Buffer.from('x'), euro.subarray(0, 2)])),
    ).toBe('x');
    expect(decoder.end()).toBe('\ufffd');
  });

  it('keeps invalid bytes as replacement characters', () => {
    const decoder = new Utf8Chunks();
    const text =
      decoder.write(Buffer.from([0x61, 0xff, 0x62, 0x80])) + decoder.end();
    expect(text).toBe('a\ufffdb\ufffd');
  });
});
