/**
 * A small RFC 4180 CSV reader for imports: a header row, then one object per row.
 * Cells that are plain integers without a leading zero (and at most 15 digits) become numbers;
 * everything else stays a string (so an 18-digit NIP or a phone number keeps its digits); an
 * empty cell is left out. Rows with the wrong number of cells are reported, not guessed.
 */
export interface CsvResult {
  rows: Array<Record<string, string | number>>;
  badRows: number[];
}

export const parseCsvRecords = (text: string): string[][] => {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',' || c === ';') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  record.push(field);
  if (record.length > 1 || record[0] !== '') records.push(record);
  return records;
};

const cell = (raw: string): string | number | undefined => {
  const v = raw.trim();
  if (v === '') return undefined;
  if (/^(0|-?[1-9]\d{0,14})$/.test(v)) return Number(v);
  return v;
};

export const parseCsv = (text: string): CsvResult => {
  const [header, ...body] = parseCsvRecords(text);
  if (!header) return { rows: [], badRows: [] };
  const names = header.map((h) => h.trim());
  const rows: CsvResult['rows'] = [];
  const badRows: number[] = [];
  body.forEach((record, index) => {
    if (record.length !== names.length) badRows.push(index);
    const row: Record<string, string | number> = {};
    names.forEach((name, col) => {
      const value = cell(record[col] ?? '');
      if (value !== undefined && name) row[name] = value;
    });
    rows.push(row);
  });
  return { rows, badRows };
};
