/**
 * Block compression codecs: each compresses or decompresses one whole block (a Parquet page) at a time, over heap
 * arrays or heap/direct {@link java.nio.ByteBuffer}s. The module knows nothing of Parquet; the format layer maps
 * its codec ids onto {@link dev.quiver.codec.CodecName}.
 *
 * <h2>Using it</h2>
 * {@link dev.quiver.codec.CompressionCodecs#get(dev.quiver.codec.CodecName)} hands out one shared, thread-safe
 * {@link dev.quiver.codec.CompressionCodec} per codec. Decompression is always told the exact uncompressed size and
 * writes only inside {@code [outputOffset, outputOffset + uncompressedLength)}; anything wrong with the data
 * (truncated, corrupt, a size other than declared) is a {@link dev.quiver.codec.CodecException}, never a library's
 * own exception, never a write outside the window.
 *
 * <h2>The codecs, their formats and libraries</h2>
 * <table>
 *   <caption>Codec implementations</caption>
 *   <tr><th>Codec</th><th>Format</th><th>Library</th></tr>
 *   <tr><td>{@code UNCOMPRESSED}</td><td>the bytes themselves</td><td>none</td></tr>
 *   <tr><td>{@code SNAPPY}</td><td>Snappy raw block ({@code format_description.txt})</td>
 *       <td>snappy-java (JNI)</td></tr>
 *   <tr><td>{@code GZIP}</td><td>RFC 1952 members, concatenated, over RFC 1951 DEFLATE</td>
 *       <td>JDK {@code Inflater}/{@code Deflater} (zlib)</td></tr>
 *   <tr><td>{@code LZ4_RAW}</td><td>LZ4 block format</td><td>lz4-java, safe decompressor</td></tr>
 *   <tr><td>{@code LZ4_HADOOP}</td><td>Hadoop {@code Lz4Codec} framing of LZ4 blocks, falling back to a raw block,
 *       then to LZ4 frames</td><td>lz4-java</td></tr>
 *   <tr><td>{@code ZSTD}</td><td>Zstandard frames, RFC 8878</td><td>zstd-jni</td></tr>
 *   <tr><td>{@code BROTLI}</td><td>Brotli stream, RFC 7932</td><td>brotli4j (JNI, per-platform natives)</td></tr>
 *   <tr><td>{@code LZO}</td><td>known by name only</td>
 *       <td>none: {@link dev.quiver.codec.UnsupportedCodecException}</td></tr>
 * </table>
 *
 * <h2>Layout</h2>
 * The public surface is {@link dev.quiver.codec.CompressionCodec}, {@link dev.quiver.codec.CodecName},
 * {@link dev.quiver.codec.CompressionCodecs} and the two exceptions. Each codec is one package-private class named
 * after it ({@code GzipCodec}, {@code ZstdCodec}, ...) on the skeleton {@code BlockCodec}, which checks arguments,
 * dispatches heap/direct buffers and wraps library failures; {@code GzipHeader} holds RFC 1952's member framing,
 * {@code ContextPool} pools library contexts, {@code Scratch} holds per-thread copy buffers.
 */
package dev.quiver.codec;
