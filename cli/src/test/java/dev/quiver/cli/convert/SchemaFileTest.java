package dev.quiver.cli.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The {@code --schema FILE} format: every type name, nesting, defaults, the errors, and printing it back. */
class SchemaFileTest {
  @Test
  void everyTypeName() {
    Schema schema = SchemaFile.parse("""
        {"fields": [
          {"name": "b", "type": "boolean", "nullable": false},
          {"name": "i8", "type": "int8"}, {"name": "i16", "type": "int16"},
          {"name": "i32", "type": "int32"}, {"name": "i64", "type": "int64"},
          {"name": "f32", "type": "float32"}, {"name": "f64", "type": "float64"},
          {"name": "dec", "type": "decimal(38, 4)"}, {"name": "d", "type": "date"},
          {"name": "ts", "type": "timestamp"}, {"name": "tsu", "type": "timestamp_utc"},
          {"name": "s", "type": "string"},
          {"name": "l", "type": "list", "element": {"type": "list", "nullable": false,
                                                    "element": {"name": "item", "type": "int32"}}},
          {"name": "st", "type": "struct", "fields": [{"name": "x", "type": "float64"},
                                                     {"name": "tags", "type": "list", "element": {"type": "string"}}]}
        ]}""");
    List<Field> f = schema.getFields();
    assertEquals(new Field("b", FieldType.notNullable(ArrowType.Bool.INSTANCE), null), f.get(0));
    assertEquals(new ArrowType.Int(8, true), f.get(1).getType());
    assertEquals(new ArrowType.Int(16, true), f.get(2).getType());
    assertEquals(new ArrowType.Int(32, true), f.get(3).getType());
    assertEquals(new ArrowType.Int(64, true), f.get(4).getType());
    assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), f.get(5).getType());
    assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), f.get(6).getType());
    assertEquals(new ArrowType.Decimal(38, 4, 128), f.get(7).getType());
    assertEquals(new ArrowType.Date(DateUnit.DAY), f.get(8).getType());
    assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), f.get(9).getType());
    assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), f.get(10).getType());
    assertEquals(ArrowType.Utf8.INSTANCE, f.get(11).getType());
    assertTrue(f.get(1).isNullable());
    Field list = f.get(12);
    assertEquals(ArrowType.List.INSTANCE, list.getType());
    Field inner = list.getChildren().get(0);
    assertEquals("element", inner.getName());
    assertFalse(inner.isNullable());
    assertEquals("item", inner.getChildren().get(0).getName());
    assertEquals(new ArrowType.Int(32, true), inner.getChildren().get(0).getType());
    Field struct = f.get(13);
    assertEquals(List.of("x", "tags"), struct.getChildren().stream().map(Field::getName).toList());
    // printing gives a file that parses to the same schema
    assertEquals(schema, SchemaFile.parse(SchemaFile.format(schema)));
  }

  @Test
  void errorsNameTheProblem() {
    assertMessage("{", "not valid JSON");
    assertMessage("[]", "a JSON object with a \"fields\" array");
    assertMessage("{\"fields\": []}", "no fields");
    assertMessage("{\"fields\": [{\"type\": \"int64\"}]}", "has no \"name\"");
    assertMessage("{\"fields\": [{\"name\": \"a\"}]}", "field 'a' has no \"type\"");
    assertMessage("{\"fields\": [{\"name\": \"a\", \"type\": \"int\"}]}", "field 'a' has unknown type \"int\"");
    assertMessage("{\"fields\": [{\"name\": \"a\", \"type\": \"int64\"}, {\"name\": \"a\", \"type\": \"string\"}]}",
        "field 'a' appears twice");
    assertMessage("{\"fields\": [{\"name\": \"a\", \"type\": \"int64\", \"nulable\": true}]}",
        "unknown member \"nulable\"");
    assertMessage("{\"fields\": [{\"name\": \"a\", \"type\": \"int64\", \"nullable\": \"yes\"}]}",
        "\"nullable\" must be true or false");
    assertMessage("{\"fields\": [{\"name\": \"a\", \"type\": \"list\"}]}", "list 'a' needs an \"element\"");
    assertMessage("{\"fields\": [{\"name\": \"a\", \"type\": \"struct\", \"fields\": []}]}",
        "struct 'a' needs a non-empty \"fields\"");
    assertMessage("{\"fields\": [{\"name\": \"a\", \"type\": \"decimal(39,2)\"}]}", "1 <= precision <= 38");
    assertMessage("{\"fields\": [{\"name\": \"a\", \"type\": \"decimal(5,6)\"}]}", "scale <= precision");
    assertMessage("{\"fields\": [{\"name\": \"s\", \"type\": \"struct\", \"fields\": [{\"name\": \"x\","
        + " \"type\": \"uint8\"}]}]}", "field 's.x' has unknown type");
  }

  private static void assertMessage(String text, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchemaFile.parse(text));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void inferenceWidensAlongTheLattice() {
    assertEquals(InferredType.Kind.FLOAT64, InferredType.merge(InferredType.Kind.INT64, InferredType.Kind.FLOAT64));
    assertEquals(InferredType.Kind.TIMESTAMP, InferredType.merge(InferredType.Kind.TIMESTAMP, InferredType.Kind.DATE));
    assertEquals(InferredType.Kind.STRING,
        InferredType.merge(InferredType.Kind.TIMESTAMP, InferredType.Kind.TIMESTAMP_UTC));
    assertEquals(InferredType.Kind.STRING, InferredType.merge(InferredType.Kind.BOOLEAN, InferredType.Kind.INT64));
    assertEquals(InferredType.Kind.DATE, InferredType.merge(InferredType.Kind.NULL, InferredType.Kind.DATE));
    InferredType column = new InferredType();
    for (String v : List.of("", "1", "", "-2")) {
      column.observeText(v);
    }
    assertEquals(InferredType.Kind.INT64, column.kind());
    column.observeText("1e5");
    assertEquals(InferredType.Kind.FLOAT64, column.kind());
    column.observeText("true");
    assertEquals(InferredType.Kind.STRING, column.kind());
    InferredType nulls = new InferredType();
    nulls.observeText("");
    assertEquals(ArrowType.Utf8.INSTANCE, nulls.toField("n").getType());
  }
}
