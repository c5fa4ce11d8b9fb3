/**
 * Quiver's glue to Apache Arrow Java: validity bitmaps on heap arrays ({@link dev.quiver.columnar.Bitmaps}),
 * bulk fills of Arrow vectors from them ({@link dev.quiver.columnar.VectorFiller}), and pooled root allocators
 * ({@link dev.quiver.columnar.QuiverAllocators}, {@link dev.quiver.columnar.BufferPool}) that reuse freed Arrow
 * memory across batches. Knows nothing of files or Parquet; the format layer decodes into plain arrays and hands whole batches here.
 */
package dev.quiver.columnar;
