import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema
} from "./chunk-LPYQMSSN.js";
import {
  ColumnAccumulator,
  MAX_COLUMNS
} from "./chunk-OE7PDYP2.js";
import "./chunk-TZI6WE27.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";

// core/profile/parquet.ts
async function profileParquet(path, label) {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  if (names.length > MAX_COLUMNS)
    throw new Error(
      `${label}: ${names.length} columns, over the ${MAX_COLUMNS}-column profile limit`
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
        const from = Math.max(start, chunk.rowStart);
        const to = Math.min(end, chunk.rowEnd);
        for (let row = from; row < to; row++)
          column.addValue(chunk.columnData[row - chunk.rowStart]);
      }
    });
    start = end;
  }
  const rows = Number(metadata.num_rows);
  return { format: "parquet", rows, columns: [...columns.values()].map((c) => c.profile(rows)) };
}
export {
  profileParquet
};
//# sourceMappingURL=parquet-SQGHIDFJ.js.map
