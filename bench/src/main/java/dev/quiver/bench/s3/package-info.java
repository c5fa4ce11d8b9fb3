/**
 * The range-GET benchmark of the S3 client (issue 6): Quiver's {@code S3Store} and the AWS SDK for Java v2
 * {@code S3AsyncClient} (Netty NIO transport) fetch the same byte ranges of one object from the same S3 server,
 * S3Proxy on loopback with an in-memory backend and SigV4 enforced. {@link dev.quiver.bench.s3.RangeGetBench} is
 * the harness ({@code ./bench/range-get.sh}); {@code dev.quiver.bench.jmh.RangeGetBenchmark} the JMH form.
 */
package dev.quiver.bench.s3;
