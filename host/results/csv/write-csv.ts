import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Cell, type CsvColumn, type CsvFormat, type CsvRows, csvColumns } from './columns.js';
import { csvRecords, UTF8_BOM } from './csv-dialect.js';
import { writeViaTempFile } from '../../shared/write-via-temp-file.js';

/**
 * Rows per Papa.unparse call (csvRecords): one chunk of text for the file stream per batch instead
 * of one per row. Larger is not better: Papa.unparse builds a batch's text by appending to one
 * string, and in 1,000,000-row exports batches of 500 or 1000 took 1.2 to 1.8 times as long as
 * 100 or 200 (the text then likely outlives a young-generation GC), although turning rows into
 * text alone costs the same from 50 to 1000 rows a batch. 200 long rows are ~30 kB.
 */
export const BATCH_ROWS = 200;

/**
 * The file stream's buffer. At the default 16 kB every ~30 kB batch filled it, and the export
 * waited for each write to reach the file before making the next batch; 128 kB lets a few batches
 * queue while the file takes them: 1,000,000 long rows in ~3.6 s instead of ~4.1 s (medians of 5),
 * peak RSS the same within a few MB (the history's long export ~4 MB more). 256 kB was no faster
 * and took 6 to 8 MB more.
 */
const FILE_BUFFER_BYTES = 128 * 1024;

/**
 * Writes rows as CSV in `format` to `filePath`, streaming: rows are read as the file can take
 * them, so a sync iterable (better-sqlite3's `.iterate()`) or an async one is consumed a batch at a
 * time. The file appears complete or not at all (writeViaTempFile).
 */
export async function writeCsv<F extends CsvFormat>(
  format: F,
  rows: Iterable<CsvRows[F]> | AsyncIterable<CsvRows[F]>,
  filePath: string,
): Promise<{ rows: number }> {
  const batches = new CsvBatches<CsvRows[F]>(csvColumns[format]);
  return writeChunks(Symbol.iterator in rows ? batches.fromSync(rows) : batches.fromAsync(rows), batches, filePath);
}

/**
 * Like writeCsv, for rows that already are the format's cells in column order (the history's
 * long export reads them so from SQLite: no row objects to build and take apart again). The arrays
 * are spent: their cells are turned into text in place.
 */
export async function writeCsvCells(format: CsvFormat, cells: Iterable<Cell[]>, filePath: string): Promise<{ rows: number }> {
  const batches = new CsvBatches<unknown>(csvColumns[format] as ReadonlyArray<CsvColumn<unknown>>);
  return writeChunks(batches.fromCells(cells), batches, filePath);
}

async function writeChunks(chunks: Iterable<string> | AsyncIterable<string>, batches: { rows: number }, filePath: string): Promise<{ rows: number }> {
  // pipeline waits for 'drain' when the file stream is full and destroys both ends on an error;
  // `flush` fsyncs before close, so the rename never publishes a file whose data is not on disk.
  await writeViaTempFile(filePath, (tempPath) => pipeline(Readable.from(chunks), createWriteStream(tempPath, { flags: 'wx', flush: true, highWaterMark: FILE_BUFFER_BYTES })));
  return { rows: batches.rows };
}

/** Turns rows into CSV text a batch at a time; the first chunk is the BOM and the header line. */
class CsvBatches<Row> {
  rows = 0;
  private readonly headers: string[];
  private readonly cells: ReadonlyArray<(row: Row) => Cell>;
  private batch: Cell[][] = [];

  constructor(columns: ReadonlyArray<CsvColumn<Row>>) {
    this.headers = columns.map((c) => c.header);
    this.cells = columns.map((c) => c.cell);
  }

  *fromCells(cells: Iterable<Cell[]>): Generator<string> {
    yield this.head();
    for (const record of cells) {
      this.rows++;
      if (this.batch.push(record) >= BATCH_ROWS) yield this.flush();
    }
    if (this.batch.length > 0) yield this.flush();
  }

  *fromSync(rows: Iterable<Row>): Generator<string> {
    yield this.head();
    for (const row of rows) if (this.add(row)) yield this.flush();
    if (this.batch.length > 0) yield this.flush();
  }

  async *fromAsync(rows: AsyncIterable<Row>): AsyncGenerator<string> {
    yield this.head();
    for await (const row of rows) if (this.add(row)) yield this.flush();
    if (this.batch.length > 0) yield this.flush();
  }

  private head(): string {
    return UTF8_BOM + csvRecords([[...this.headers]]);
  }

  /** Adds one row; true when the batch is full. */
  private add(row: Row): boolean {
    const cells = this.cells;
    const record = new Array<Cell>(cells.length);
    for (let i = 0; i < cells.length; i++) record[i] = cells[i]!(row);
    this.rows++;
    return this.batch.push(record) >= BATCH_ROWS;
  }

  private flush(): string {
    const text = csvRecords(this.batch);
    this.batch = [];
    return text;
  }
}
