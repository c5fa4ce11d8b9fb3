package dev.quiver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ObjectStoreExceptionTest {

  @Test
  void theMessageNamesKindLocationDetailAndRequestId() {
    IOException cause = new IOException("reset");
    ObjectStoreException e = new ObjectStoreException(ObjectStoreException.Kind.THROTTLED, "s3://bucket/x.parquet",
        "slow down", "REQ123", cause);
    assertEquals("THROTTLED s3://bucket/x.parquet: slow down (request id REQ123)", e.getMessage());
    assertEquals(ObjectStoreException.Kind.THROTTLED, e.kind());
    assertEquals("s3://bucket/x.parquet", e.location());
    assertEquals("slow down", e.detail());
    assertEquals("REQ123", e.requestId());
    assertSame(cause, e.getCause());
  }

  @Test
  void requestIdAndDetailAreOptional() {
    ObjectStoreException e =
        new ObjectStoreException(ObjectStoreException.Kind.IO_ERROR, "file:///data/x.parquet", null);
    assertEquals("IO_ERROR file:///data/x.parquet", e.getMessage());
    assertNull(e.requestId());
    assertNull(e.detail());
  }

  @Test
  void factoriesSayWhatWentWrong() {
    assertEquals("NOT_FOUND memory://m/k: no such object", ObjectStoreException.notFound("memory://m/k").getMessage());
    assertEquals("INVALID_RANGE memory://m/k: range [5, 15) reaches past the end of the 10-byte object",
        ObjectStoreException.invalidRange("memory://m/k", new ByteRange(5, 10), 10).getMessage());
  }
}
