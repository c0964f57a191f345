import type { TestRecord } from '../../runner/test-record.js';
import { writeFileAtomic } from '../../shared/write-file-atomic.js';
import { renderReport, type ReportMeta } from './render-report.js';

/** Render the report and write it to `filePath` atomically: a reader never sees half a page. */
export async function writeReport(record: TestRecord, meta: ReportMeta, filePath: string): Promise<void> {
  writeFileAtomic(filePath, await renderReport(record, meta));
}
