import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { ColumnAccumulator } from './column.js';
import { MAX_COLUMNS } from './profile.js';
import type { DataProfile } from './schema.js';

/**
 * Profiles a Parquet file with hyparquet (pure JavaScript), one row group at a time so
 * memory stays bounded by the largest row group.
 */
export async function profileParquet(path: string, label: string): Promise<DataProfile> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  if (names.length > MAX_COLUMNS)
    throw new Error(
      `${label}: ${names.length} columns, over the ${MAX_COLUMNS}-column profile limit`,
    );
  const columns = new Map(names.map((n) => [n, new ColumnAccumulator(n)]));
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    await parquetRead({
      file,
      metadata,
      rowStart: start,
      rowEnd: end,
      onChunk(chunk) {
        const column = columns.get(chunk.columnName);
        if (!column) return;
        // A chunk may cover rows outside the group asked for: take only the group's.
        const from = Math.max(start, chunk.rowStart);
        const to = Math.min(end, chunk.rowEnd);
        for (let row = from; row < to; row++)
          column.addValue(chunk.columnData[row - chunk.rowStart]);
      },
    });
    start = end;
  }
  const rows = Number(metadata.num_rows);
  return { format: 'parquet', rows, columns: [...columns.values()].map((c) => c.profile(rows)) };
}
