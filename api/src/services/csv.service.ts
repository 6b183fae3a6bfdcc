import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { FastifyInstance } from 'fastify';
import { HeraldError } from '../errors/herald-error';

/** Takes `text/csv` bodies in this plugin's scope as one string of at most `bodyLimit` bytes (readCsv reads it). */
export function acceptCsv(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));
}

export interface CsvTable {
  /** The header's column names, trimmed and lower-cased. */
  columns: string[];
  /** Each data row as column → trimmed cell, with its line number in the file (for messages). */
  rows: Array<{ line: number; cells: Record<string, string> }>;
}

/**
 * Reads a CSV file with a header line through csv-parse's streaming parser (quoted cells may hold
 * commas, quotes and line breaks; a byte-order mark is dropped; blank lines are skipped), yielding
 * to the event loop between chunks so a 100,000-row file does not stall the server. Refuses, with
 * a sentence naming the line, a file without the required columns, a malformed line, or more rows
 * than `maxRows`.
 */
export async function readCsv(
  text: string,
  options: { required: readonly string[]; maxRows: number; what: string },
): Promise<CsvTable> {
  const parser = Readable.from([text]).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }),
  );
  const rows: CsvTable['rows'] = [];
  let columns: string[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (rows.length === 0) columns = Object.keys(record);
      if (rows.length === options.maxRows)
        throw HeraldError.of('HERALD_ERR_IMPORT_TOO_LARGE', {
          max: options.maxRows.toLocaleString('en'),
          what: options.what,
        });
      rows.push({ line: info.lines, cells: record });
    }
  } catch (error) {
    if (error instanceof HeraldError) throw error;
    const line = (error as { lines?: number }).lines;
    throw HeraldError.of('HERALD_ERR_CSV_MALFORMED', { where: line ? ` (line ${line})` : '' });
  }
  if (rows.length === 0)
    throw new HeraldError(
      'HERALD_ERR_CSV_EMPTY',
      400,
      `The file has no ${options.what}: only a header line, or nothing.`,
    );
  const missing = options.required.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw HeraldError.of('HERALD_ERR_CSV_COLUMNS', {
      missing: missing.join(' and '),
      found: columns.join(', ') || 'none',
    });
  return { columns, rows };
}
