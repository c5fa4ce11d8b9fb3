package dev.quiver.cli.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The schema file of {@code quiver convert --schema FILE}: a JSON object with the columns in order,
 * <pre>{@code
 * {"fields": [
 *   {"name": "id",    "type": "int64", "nullable": false},
 *   {"name": "price", "type": "decimal(12,2)"},
 *   {"name": "seen",  "type": "timestamp_utc"},
 *   {"name": "tags",  "type": "list", "element": {"type": "string"}},
 *   {"name": "point", "type": "struct", "fields": [{"name": "x", "type": "float64"}, {"name": "y", "type": "float64"}]}
 * ]}
 * }</pre>
 * {@code nullable} defaults to true. The type names and the Arrow types they stand for:
 * {@code boolean}; {@code int8}, {@code int16}, {@code int32}, {@code int64} (signed); {@code float32},
 * {@code float64}; {@code decimal(P,S)} (Decimal128, 1 &le; P &le; 38, 0 &le; S &le; P); {@code date} (days);
 * {@code timestamp} (microseconds, no zone: wall-clock time); {@code timestamp_utc} (microseconds, UTC: an instant);
 * {@code string} (UTF-8); {@code list} with an {@code element} field (whose {@code name} may be left out);
 * {@code struct} with {@code fields}. Nesting may go to any depth. Member names are case-sensitive; unknown members
 * are an error, so that a typo does not go unnoticed.
 */
public final class SchemaFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})\\s*\\)");
  private static final Set<String> FIELD_MEMBERS = Set.of("name", "type", "nullable", "element", "fields");

  private SchemaFile() {}

  /**
   * Parses a schema file's text.
   *
   * @throws IllegalArgumentException naming the problem (not JSON, no {@code fields}, an unknown type name, a missing
   *     or repeated column name, a list without {@code element}, an unknown member, ...)
   */
  public static Schema parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the schema is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("fields").isArray()) {
      throw new IllegalArgumentException("the schema must be a JSON object with a \"fields\" array");
    }
    List<Field> fields = fields(root.get("fields"), "");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("the schema has no fields");
    }
    return new Schema(fields);
  }

  private static List<Field> fields(JsonNode array, String parent) {
    List<Field> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode node : array) {
      JsonNode name = node.get("name");
      if (name == null || !name.isTextual() || name.asText().isEmpty()) {
        throw new IllegalArgumentException("a field of " + describe(parent) + " has no \"name\"");
      }
      String path = parent.isEmpty() ? name.asText() : parent + "." + name.asText();
      if (!names.add(name.asText())) {
        throw new IllegalArgumentException("field '" + path + "' appears twice");
      }
      fields.add(field(node, name.asText(), path));
    }
    return fields;
  }

  private static String describe(String path) {
    return path.isEmpty() ? "the schema" : "'" + path + "'";
  }

  private static Field field(JsonNode node, String name, String path) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("field '" + path + "' must be a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      String member = it.next().getKey();
      if (!FIELD_MEMBERS.contains(member)) {
        throw new IllegalArgumentException("field '" + path + "' has an unknown member \"" + member
            + "\" (known: name, type, nullable, element, fields)");
      }
    }
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new IllegalArgumentException("field '" + path + "' has no \"type\"");
    }
    JsonNode nullableNode = node.get("nullable");
    if (nullableNode != null && !nullableNode.isBoolean()) {
      throw new IllegalArgumentException("field '" + path + "': \"nullable\" must be true or false");
    }
    boolean nullable = nullableNode == null || nullableNode.asBoolean();
    String type = typeNode.asText().trim();
    if (type.equals("struct")) {
      JsonNode children = node.get("fields");
      if (children == null || !children.isArray() || children.isEmpty()) {
        throw new IllegalArgumentException("struct '" + path + "' needs a non-empty \"fields\" array");
      }
      return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), fields(children, path));
    }
    if (type.equals("list")) {
      JsonNode element = node.get("element");
      if (element == null || !element.isObject()) {
        throw new IllegalArgumentException("list '" + path + "' needs an \"element\" object");
      }
      String elementName = element.path("name").isTextual() ? element.get("name").asText() : "element";
      Field child = field(element, elementName, path + "[]");
      return new Field(name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(child));
    }
    if (node.has("fields") || node.has("element")) {
      throw new IllegalArgumentException("field '" + path + "' of type " + type + " cannot have \"fields\" or \"element\"");
    }
    return new Field(name, new FieldType(nullable, scalarType(type, path), null), null);
  }

  private static ArrowType scalarType(String name, String path) {
    switch (name) {
      case "boolean":
        return ArrowType.Bool.INSTANCE;
      case "int8":
        return new ArrowType.Int(8, true);
      case "int16":
        return new ArrowType.Int(16, true);
      case "int32":
        return new ArrowType.Int(32, true);
      case "int64":
        return new ArrowType.Int(64, true);
      case "float32":
        return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case "float64":
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case "date":
        return new ArrowType.Date(DateUnit.DAY);
      case "timestamp":
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case "timestamp_utc":
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
      case "string":
        return ArrowType.Utf8.INSTANCE;
      default:
        Matcher m = DECIMAL.matcher(name);
        if (m.matches()) {
          int precision = Integer.parseInt(m.group(1));
          int scale = Integer.parseInt(m.group(2));
          if (precision < 1 || precision > 38 || scale > precision) {
            throw new IllegalArgumentException("field '" + path + "': " + name
                + " needs 1 <= precision <= 38 and 0 <= scale <= precision");
          }
          return new ArrowType.Decimal(precision, scale, 128);
        }
        throw new IllegalArgumentException("field '" + path + "' has unknown type \"" + name + "\" (known: boolean,"
            + " int8, int16, int32, int64, float32, float64, decimal(P,S), date, timestamp, timestamp_utc, string,"
            + " list, struct)");
    }
  }

  /**
   * The schema file text for {@code schema} (the inverse of {@link #parse}), pretty-printed.
   *
   * @throws IllegalArgumentException for an Arrow type without a name here
   */
  public static String format(Schema schema) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode fields = root.putArray("fields");
    for (Field f : schema.getFields()) {
      fields.add(node(f, true));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode node(Field f, boolean named) {
    ObjectNode node = JSON.createObjectNode();
    if (named) {
      node.put("name", f.getName());
    }
    node.put("type", typeName(f.getType()));
    node.put("nullable", f.isNullable());
    if (f.getType() instanceof ArrowType.Struct) {
      ArrayNode children = node.putArray("fields");
      for (Field c : f.getChildren()) {
        children.add(node(c, true));
      }
    } else if (f.getType() instanceof ArrowType.List) {
      Field element = f.getChildren().get(0);
      node.set("element", node(element, !element.getName().equals("element")));
    }
    return node;
  }

  /**
   * The schema-file name of an Arrow type, such as {@code int64} or {@code decimal(12,2)}.
   *
   * @throws IllegalArgumentException for a type without one
   */
  public static String typeName(ArrowType type) {
    if (type instanceof ArrowType.Bool) {
      return "boolean";
    } else if (type instanceof ArrowType.Int && ((ArrowType.Int) type).getIsSigned()) {
      return "int" + ((ArrowType.Int) type).getBitWidth();
    } else if (type instanceof ArrowType.FloatingPoint) {
      FloatingPointPrecision p = ((ArrowType.FloatingPoint) type).getPrecision();
      if (p == FloatingPointPrecision.SINGLE) {
        return "float32";
      } else if (p == FloatingPointPrecision.DOUBLE) {
        return "float64";
      }
    } else if (type instanceof ArrowType.Decimal && ((ArrowType.Decimal) type).getBitWidth() == 128) {
      ArrowType.Decimal d = (ArrowType.Decimal) type;
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    } else if (type instanceof ArrowType.Date && ((ArrowType.Date) type).getUnit() == DateUnit.DAY) {
      return "date";
    } else if (type instanceof ArrowType.Timestamp && ((ArrowType.Timestamp) type).getUnit() == TimeUnit.MICROSECOND) {
      String zone = ((ArrowType.Timestamp) type).getTimezone();
      if (zone == null) {
        return "timestamp";
      } else if (zone.equals("UTC")) {
        return "timestamp_utc";
      }
    } else if (type instanceof ArrowType.Utf8) {
      return "string";
    } else if (type instanceof ArrowType.Struct) {
      return "struct";
    } else if (type instanceof ArrowType.List) {
      return "list";
    }
    throw new IllegalArgumentException("no schema-file name for Arrow type " + type);
  }
}
