/**
 * The canonical checksum: every engine folds every value it decoded into a {@link dev.quiver.bench.checksum.Digest},
 * per column the sum (mod 2^64) of {@link dev.quiver.bench.checksum.Hashes} of each value's canonical form, so that
 * digests from different engines can be compared column by column.
 */
package dev.quiver.bench.checksum;
