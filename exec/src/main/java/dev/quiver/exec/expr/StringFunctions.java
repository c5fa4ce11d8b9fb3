package dev.quiver.exec.expr;

import dev.quiver.exec.types.DataType;
import dev.quiver.exec.vector.Batch;
import dev.quiver.exec.vector.Column;
import java.util.List;

/**
 * String kernels over UTF-8 bytes: {@code length} (code points, BIGINT), {@code lower}/{@code upper} (ASCII in
 * place, other text through {@link String}), {@code substring(s, start[, count])} (1-based code points, as
 * DuckDB), {@code concat(a, ...)} (null arguments skipped, as DuckDB), {@code starts_with(s, prefix)}, and
 * {@code LIKE} with {@code %} (any run) and {@code _} (one code point).
 */
final class StringFunctions {
  private StringFunctions() {}

  /** Functions of one string argument. */
  enum Unary { LENGTH, LOWER, UPPER }

  record UnaryFunction(Unary fn, Bound arg, String text) implements Bound {
    @Override
    public DataType type() {
      return fn == Unary.LENGTH ? DataType.BIGINT : DataType.VARCHAR;
    }

    @Override
    public Column eval(Batch batch) {
      Column s = arg.eval(batch);
      int n = batch.rowCount();
      if (fn == Unary.LENGTH) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
          int count = 0;
          for (int p = s.offsets[i]; p < s.offsets[i + 1]; p++) {
            count += (s.bytes[p] & 0xC0) != 0x80 ? 1 : 0;
          }
          r[i] = count;
        }
        return Column.ofLongs(DataType.BIGINT, r, s.nulls, n);
      }
      boolean ascii = true;
      int end = s.offsets[n];
      for (int p = s.offsets[0]; p < end; p++) {
        ascii &= s.bytes[p] >= 0;
      }
      if (ascii) {
        byte[] out = java.util.Arrays.copyOf(s.bytes, s.bytes.length);
        for (int p = s.offsets[0]; p < end; p++) {
          byte b = out[p];
          if (fn == Unary.LOWER && b >= 'A' && b <= 'Z') {
            out[p] = (byte) (b + 32);
          } else if (fn == Unary.UPPER && b >= 'a' && b <= 'z') {
            out[p] = (byte) (b - 32);
          }
        }
        return Column.ofStrings(out, s.offsets, s.nulls, n);
      }
      Builder b = new Builder(n, s.bytes.length);
      for (int i = 0; i < n; i++) {
        String v = s.string(i);
        b.add((fn == Unary.LOWER ? v.toLowerCase(java.util.Locale.ROOT) : v.toUpperCase(java.util.Locale.ROOT))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return b.build(s.nulls);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * {@code substring(s, start[, count])}: UTF-8 code points chosen as DuckDB does (see {@link #characterRange}):
   * negative start counts from the end, negative count takes characters before the start, huge values clip.
   */
  record Substring(Bound string, Bound start, Bound count, String text) implements Bound {
    @Override
    public DataType type() {
      return DataType.VARCHAR;
    }

    @Override
    public Column eval(Batch batch) {
      Column s = string.eval(batch);
      Column st = start.eval(batch);
      Column ct = count == null ? null : count.eval(batch);
      int n = batch.rowCount();
      boolean[] nulls = Nulls.or(s.nulls, st.nulls, n);
      if (ct != null) {
        nulls = Nulls.or(nulls, ct.nulls, n);
      }
      Builder b = new Builder(n, s.bytes.length);
      for (int i = 0; i < n; i++) {
        if (nulls != null && nulls[i]) {
          b.add(s.bytes, 0, 0);
          continue;
        }
        int p = s.offsets[i];
        int e = s.offsets[i + 1];
        long size = 0;
        for (int q = p; q < e; q++) {
          size += (s.bytes[q] & 0xC0) != 0x80 ? 1 : 0;
        }
        long range = characterRange(size, st.longs[i], ct == null ? Long.MAX_VALUE : ct.longs[i]);
        if (range < 0) {
          b.add(s.bytes, 0, 0);
          continue;
        }
        long first = range >>> 32;
        int startByte = bytePosition(s.bytes, p, e, first);
        int endByte = bytePosition(s.bytes, startByte, e, (range & 0xFFFFFFFFL) - first);
        b.add(s.bytes, startByte, endByte - startByte);
      }
      return b.build(nulls);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * The characters {@code [start, end)} (0-based, within {@code [0, size]}, {@code size} below 2^31) that
   * {@code substring} keeps, packed as {@code start << 32 | end}, or -1 for an empty result, following DuckDB: a
   * positive {@code offset} counts from 1 at the first character, a negative one
   * from the end, 0 is one before the first character; a negative {@code length} takes the characters before the
   * start. Arithmetic saturates, so huge offsets and lengths clip to the string.
   */
  static long characterRange(long size, long offset, long length) {
    if (length == 0) {
      return -1;
    }
    long start;
    if (offset > 0) {
      start = offset - 1;
    } else if (offset < 0) {
      start = size + offset;
    } else {
      if (length <= 1) {
        return -1;
      }
      start = 0;
      length--;
    }
    long end;
    if (length > 0) {
      end = start >= 0 && length >= size - start ? size : start + length;
    } else {
      end = start;
      long s = start + length;
      start = ((start ^ s) & (length ^ s)) < 0 ? Long.MIN_VALUE : s;
    }
    start = Math.max(0, Math.min(size, start));
    end = Math.max(0, Math.min(size, end));
    return start < end ? start << 32 | end : -1;
  }

  /** The byte position of the {@code chars}-th UTF-8 character boundary from {@code from} (at most {@code to}). */
  private static int bytePosition(byte[] bytes, int from, int to, long chars) {
    int q = from;
    long seen = 0;
    while (q < to) {
      if ((bytes[q] & 0xC0) != 0x80) {
        if (seen == chars) {
          return q;
        }
        seen++;
      }
      q++;
    }
    return to;
  }

  /** {@code concat(args...)}: nulls count as empty strings, so the result is never null (as in DuckDB). */
  record Concat(List<Bound> args, String text) implements Bound {
    @Override
    public DataType type() {
      return DataType.VARCHAR;
    }

    @Override
    public Column eval(Batch batch) {
      int n = batch.rowCount();
      Column[] cols = new Column[args.size()];
      int total = 0;
      for (int k = 0; k < cols.length; k++) {
        cols[k] = args.get(k).eval(batch);
        total += cols[k].offsets[n] - cols[k].offsets[0];
      }
      Builder b = new Builder(n, total);
      for (int i = 0; i < n; i++) {
        b.begin();
        for (Column c : cols) {
          if (!c.isNull(i)) {
            b.append(c.bytes, c.offsets[i], c.offsets[i + 1] - c.offsets[i]);
          }
        }
        b.end();
      }
      return b.build(null);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code starts_with(s, prefix)}. */
  record StartsWith(Bound string, Bound prefix, String text) implements Bound {
    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Column eval(Batch batch) {
      Column s = string.eval(batch);
      Column p = prefix.eval(batch);
      int n = batch.rowCount();
      boolean[] r = new boolean[n];
      for (int i = 0; i < n; i++) {
        int pl = p.offsets[i + 1] - p.offsets[i];
        int sl = s.offsets[i + 1] - s.offsets[i];
        r[i] = pl <= sl && java.util.Arrays.equals(s.bytes, s.offsets[i], s.offsets[i] + pl, p.bytes, p.offsets[i],
            p.offsets[i] + pl);
      }
      return Column.ofBools(r, Nulls.or(s.nulls, p.nulls, n), n);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code s [NOT] LIKE pattern} for a constant pattern. */
  static final class Like implements Bound {
    private final Bound string;
    private final byte[] pattern;
    private final boolean negated;
    private final String text;
    private final byte[] literal;
    private final int shape;

    Like(Bound string, String pattern, boolean negated, String text) {
      this.string = string;
      this.pattern = pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      this.negated = negated;
      this.text = text;
      // fast shapes: 1 'abc', 2 'abc%', 3 '%abc', 4 '%abc%'; 0 general
      String core = pattern;
      int s = 0;
      if (pattern.indexOf('_') < 0) {
        boolean lead = core.startsWith("%");
        boolean trail = core.length() > 1 && core.endsWith("%");
        String mid = core.substring(lead ? 1 : 0, core.length() - (trail ? 1 : 0));
        if (mid.indexOf('%') < 0) {
          s = lead ? (trail ? 4 : 3) : (trail ? 2 : 1);
          core = mid;
        }
      }
      this.shape = s;
      this.literal = core.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Column eval(Batch batch) {
      Column s = string.eval(batch);
      int n = batch.rowCount();
      boolean[] r = new boolean[n];
      byte[] b = s.bytes;
      int ll = literal.length;
      for (int i = 0; i < n; i++) {
        int st = s.offsets[i];
        int en = s.offsets[i + 1];
        int len = en - st;
        boolean m;
        switch (shape) {
          case 1:
            m = len == ll && java.util.Arrays.equals(b, st, en, literal, 0, ll);
            break;
          case 2:
            m = len >= ll && java.util.Arrays.equals(b, st, st + ll, literal, 0, ll);
            break;
          case 3:
            m = len >= ll && java.util.Arrays.equals(b, en - ll, en, literal, 0, ll);
            break;
          case 4:
            m = indexOf(b, st, en, literal) >= 0;
            break;
          default:
            m = matches(b, st, en, pattern);
        }
        r[i] = m != negated;
      }
      return Column.ofBools(r, s.nulls, n);
    }

    private static int indexOf(byte[] b, int st, int en, byte[] lit) {
      int ll = lit.length;
      if (ll == 0) {
        return st;
      }
      byte first = lit[0];
      for (int p = st; p <= en - ll; p++) {
        if (b[p] == first && java.util.Arrays.equals(b, p, p + ll, lit, 0, ll)) {
          return p;
        }
      }
      return -1;
    }

    /** Wildcard matching with one backtrack point for the last {@code %} (linear in practice). */
    static boolean matches(byte[] s, int st, int en, byte[] p) {
      int si = st;
      int pi = 0;
      int starP = -1;
      int starS = -1;
      while (si < en) {
        if (pi < p.length && p[pi] == '_') {
          si = nextChar(s, si, en);
          pi++;
        } else if (pi < p.length && p[pi] == '%') {
          starP = pi++;
          starS = si;
        } else if (pi < p.length && p[pi] == s[si]) {
          si++;
          pi++;
        } else if (starP >= 0) {
          pi = starP + 1;
          starS = nextChar(s, starS, en);
          si = starS;
        } else {
          return false;
        }
      }
      while (pi < p.length && p[pi] == '%') {
        pi++;
      }
      return pi == p.length;
    }

    private static int nextChar(byte[] s, int i, int en) {
      i++;
      while (i < en && (s[i] & 0xC0) == 0x80) {
        i++;
      }
      return i;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Appends strings into one byte array plus offsets. */
  static final class Builder {
    private byte[] bytes;
    private final int[] offsets;
    private int count;
    private int pos;

    Builder(int rows, int expectedBytes) {
      bytes = new byte[Math.max(16, expectedBytes)];
      offsets = new int[rows + 1];
    }

    void add(byte[] src, int from, int len) {
      begin();
      append(src, from, len);
      end();
    }

    void add(byte[] src) {
      add(src, 0, src.length);
    }

    void begin() {}

    void append(byte[] src, int from, int len) {
      if (pos + len > bytes.length) {
        long want = Math.max((long) bytes.length * 2, (long) pos + len);
        if (want > Integer.MAX_VALUE - 16) {
          throw new dev.quiver.exec.QueryException("string column larger than 2 GiB in one batch");
        }
        bytes = java.util.Arrays.copyOf(bytes, (int) want);
      }
      System.arraycopy(src, from, bytes, pos, len);
      pos += len;
    }

    void end() {
      offsets[++count] = pos;
    }

    Column build(boolean[] nulls) {
      return Column.ofStrings(bytes, offsets, nulls, count);
    }
  }
}
