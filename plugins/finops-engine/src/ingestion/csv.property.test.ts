import fc from 'fast-check';
import { CsvFormatError, CsvRecord, parseCsvBatches } from './csv';

/**
 * The streaming CSV parser against a reference written for clarity, one
 * character at a time, on arbitrary text cut into arbitrary byte chunks.
 */

/**
 * The reference: RFC 4180 as the parser reads it. A quote opens a quoted
 * field only at the field's start; inside, `""` is a quote and `"` closes
 * it; text after the closing quote, and a quote inside an unquoted field,
 * are kept as they are. CR, LF or CRLF end a record; a record of one empty
 * field (a blank line) is left out. Lines count record ends and the LFs
 * inside quoted fields; a leading BOM is dropped; an open quote at the end is
 * an error.
 */
function referenceParse(input: string): CsvRecord[] | 'unterminated' {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteClosed = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(field);
    field = '';
    quoteClosed = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === ''))
      records.push({ line: recordLine, fields });
    fields = [];
    line++;
    recordLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          quoteClosed = true;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '' && !quoteClosed) {
      inQuotes = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += c;
    }
  }
  if (inQuotes) return 'unterminated';
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

/** The parser's records of the bytes cut at the given offsets, or 'unterminated'. */
async function parse(
  bytes: Buffer,
  cuts: number[],
): Promise<CsvRecord[] | 'unterminated'> {
  const offsets = [...new Set(cuts.map(c => c % (bytes.length + 1)))].sort(
    (a, b) => a - b,
  );
  async function* chunks() {
    let start = 0;
    for (const end of [...offsets, bytes.length]) {
      if (end > start) yield bytes.subarray(start, end);
      start = end;
    }
  }
  const out: CsvRecord[] = [];
  try {
    for await (const batch of parseCsvBatches(chunks()))
      for (const record of batch)
        out.push({ line: record.line, fields: [...record.fields] });
  } catch (error) {
    if (
      error instanceof CsvFormatError &&
      /unterminated quoted field/.test(error.message)
    )
      return 'unterminated';
    throw error;
  }
  return out;
}

/** Text made mostly of the characters CSV gives meaning to, and multi-byte ones. */
const csvText = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    ' ',
    ',',
    ',',
    '"',
    '"',
    '\n',
    '\r',
    'é',
    '€',
    '😀',
    '\uFEFF',
  ),
  maxLength: 80,
});
const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 12 });

describe('parseCsvBatches against a reference parser', () => {
  it('reads any text as the reference does, however it is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csvText,
          csvText.map(t => `\uFEFF${t}`),
        ),
        cuts,
        async (text, at) => {
          expect(await parse(Buffer.from(text, 'utf8'), at)).toEqual(
            referenceParse(text),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('gives back any table written as RFC 4180, fields with commas, quotes and line ends included', async () => {
    const field = fc.string({
      unit: fc.constantFrom('x', 'y', ',', '"', '\n', '\r\n', ' ', 'ü'),
      maxLength: 12,
    });
    const quote = (f: string) =>
      /[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), {
          maxLength: 8,
        }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        cuts,
        async (rows, eol, finalEol, at) => {
          const text =
            rows.map(r => r.map(quote).join(',')).join(eol) +
            (finalEol && rows.length > 0 ? eol : '');
          const parsed = await parse(Buffer.from(text, 'utf8'), at);
          expect(parsed).not.toBe('unterminated');
          expect((parsed as CsvRecord[]).map(r => r.fields)).toEqual(
            // a row of one empty field is a blank line, and left out
            rows.filter(r => !(r.length === 1 && r[0] === '')),
          );
        },
      ),
      { numRuns: 800 },
    );
  });
});
