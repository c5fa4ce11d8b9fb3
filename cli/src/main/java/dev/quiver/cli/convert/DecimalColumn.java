package dev.quiver.cli.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.quiver.columnar.VectorFiller;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Stages decimals as 16-byte little-endian two's complement unscaled values (Arrow Decimal128). A value must fit
 * the precision and have at most {@code scale} digits after the point (it is never rounded); it comes as a JSON
 * number or as decimal text ({@code -12.50}, {@code 1e3}).
 */
final class DecimalColumn extends ColumnBuilder {
  private final int precision;
  private final int scale;
  private byte[] values = new byte[16 * 256];

  DecimalColumn(Field field, String path) {
    super(field, path);
    ArrowType.Decimal type = (ArrowType.Decimal) field.getType();
    this.precision = type.getPrecision();
    this.scale = type.getScale();
  }

  private void ensure() {
    if ((size + 1) * 16 > values.length) {
      values = Arrays.copyOf(values, grown(values.length, (size + 1) * 16));
    }
  }

  @Override
  void appendNull() {
    ensure();
    setValid(false);
    Arrays.fill(values, size * 16, size * 16 + 16, (byte) 0);
    size++;
  }

  /**
   * Appends {@code value} scaled to the column's scale. The digit counts are checked on the value as written before
   * any rescaling, so a value such as {@code 1e400000000} or {@code 1e-400000000} is rejected at once instead of
   * building a power of ten of hundreds of millions of digits.
   */
  private void append(BigDecimal value, String text) {
    String type = "a decimal(" + precision + "," + scale + ")";
    BigDecimal scaled;
    if (value.signum() == 0) {
      scaled = BigDecimal.ZERO.setScale(scale);
    } else {
      if ((long) value.precision() - value.scale() > precision - scale) {
        throw notA(text, type + " (more than " + (precision - scale) + " digits before the point)");
      }
      if (value.scale() > scale && value.stripTrailingZeros().scale() > scale) {
        throw notA(text, type + " (more than " + scale + " digits after the point)");
      }
      scaled = value.setScale(scale); // exact now: only zeros are dropped, and few are added
    }
    BigInteger unscaled = scaled.unscaledValue();
    if (scaled.precision() > precision) {
      throw notA(text, type + " (more than " + precision + " digits)");
    }
    ensure();
    setValid(true);
    byte[] big = unscaled.toByteArray(); // big-endian two's complement, at most 16 bytes for precision <= 38
    int at = size * 16;
    byte sign = unscaled.signum() < 0 ? (byte) -1 : 0;
    for (int i = 0; i < 16; i++) {
      values[at + i] = i < big.length ? big[big.length - 1 - i] : sign;
    }
    size++;
  }

  @Override
  void appendText(String text) {
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw notA(text, "a decimal");
    }
    append(value, text);
  }

  @Override
  void appendJson(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      appendNull();
    } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      append(parser.getDecimalValue(), parser.getText());
    } else if (token == JsonToken.VALUE_STRING) {
      appendText(parser.getText());
    } else {
      throw unexpected(token, "a number");
    }
  }

  @Override
  long bufferedBytes() {
    return (long) size * 16;
  }

  @Override
  void fill(FieldVector vector) {
    VectorFiller.fillFixedWidth((DecimalVector) vector, values, validity, size);
    reset();
  }
}
