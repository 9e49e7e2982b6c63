// Reads only the header row of a CSV in the browser, to offer a column mapping before anything is uploaded.
// The rules match the API's import (AgentLocator.Api/Customers/CustomerCsvImport.cs, through CsvHelper), so what the user maps is what the server sees.

/** Enough for any header row; the rest of a 10 MB file is never read here. */
const HEADER_BYTES = 64 * 1024;

/** UTF-8 (with or without BOM), else Windows-1255, which is how Excel's plain "CSV" saves Hebrew. */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): string {
  let text: string;
  try {
    // stream: a character cut in half at the end of the slice is not an encoding error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    text = new TextDecoder('windows-1255').decode(bytes);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The separator the first line uses most, as the server's reader detects it: commas, semicolons (Excel in some
 * locales), tabs or bars; commas when none occurs.
 */
export function detectDelimiter(text: string): (typeof DELIMITERS)[number] {
  const firstLine = text.split(/\r|\n/, 1)[0] ?? '';
  const count = (char: string) => firstLine.split(char).length - 1;
  return DELIMITERS.reduce((best, char) => (count(char) > count(best) ? char : best), DELIMITERS[0]);
}

/**
 * The first record, skipping blank lines: a field that starts with a quote may hold the delimiter, doubled
 * quotes and line breaks; a quote inside an unquoted field is just a character (דוא"ל).
 */
export function parseFirstRecord(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      if (fields.length === 0 && field === '') continue; // a blank line is not the header
      break;
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** Distinct, trimmed, non-empty column names, in file order (the server trims them too). */
export function headerNames(text: string): string[] {
  const names = parseFirstRecord(text, detectDelimiter(text)).map((name) => name.trim());
  return [...new Set(names.filter(Boolean))];
}

/** FileReader rather than Blob.arrayBuffer(), which jsdom (the unit tests' DOM) does not have. */
function readBytes(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

export async function readCsvHeader(file: Blob): Promise<string[]> {
  return headerNames(decodeCsvBytes(await readBytes(file.slice(0, HEADER_BYTES))));
}
