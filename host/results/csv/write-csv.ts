import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { type Cell, type CsvColumn, type CsvFormat, type CsvRows, csvColumns } from './columns.js';
import { csvStringifyOptions, UTF8_BOM } from './csv-dialect.js';

/**
 * Rows per csv-stringify call. Its sync API on a batch costs less than its stream API per row (one
 * push and one stream chunk per row), but a batch's text is built as one string of many pieces
 * that outlives a young-generation GC when the batch is large: 1000 rows took twice as long as
 * 100 or 300. 200 rows of the long format are ~30 kB.
 */
const BATCH_ROWS = 200;

/**
 * Writes rows as CSV in `format` to `filePath`, streaming: rows are read as the file can take
 * them, so a sync iterable (better-sqlite3's `.iterate()`) or an async one is consumed a batch at a
 * time. The file appears complete or not at all: the text goes to a temp file in the same folder,
 * which is renamed over `filePath` at the end and removed if anything fails.
 */
export async function writeCsv<F extends CsvFormat>(
  format: F,
  rows: Iterable<CsvRows[F]> | AsyncIterable<CsvRows[F]>,
  filePath: string,
): Promise<{ rows: number }> {
  const batches = new CsvBatches<CsvRows[F]>(csvColumns[format]);
  const chunks = Symbol.iterator in rows ? batches.fromSync(rows) : batches.fromAsync(rows);
  const tempPath = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // pipeline waits for 'drain' when the file stream is full and destroys both ends on an error;
    // `flush` fsyncs before close, so the rename never publishes a file whose data is not on disk.
    await pipeline(Readable.from(chunks), createWriteStream(tempPath, { flags: 'wx', flush: true }));
    await rename(tempPath, filePath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
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
    return UTF8_BOM + stringify([this.headers], csvStringifyOptions());
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
    const text = stringify(this.batch, csvStringifyOptions());
    this.batch = [];
    return text;
  }
}
