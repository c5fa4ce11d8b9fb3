package dev.quiver.parquet.format;

/**
 * One node of the flattened schema ({@code SchemaElement} in parquet.thrift). Groups have {@code numChildren >= 0}
 * and no {@code type}; leaves have a {@code type}. Nullable fields are absent in the file.
 *
 * @param type the physical type of a leaf, {@code null} for a group
 * @param typeLength the byte width of FIXED_LEN_BYTE_ARRAY values, or null
 * @param repetition null only for the root
 * @param name the field name
 * @param numChildren the number of children of a group, null for a leaf
 * @param convertedType the legacy annotation, or null
 * @param scale legacy decimal scale, or null
 * @param precision legacy decimal precision, or null
 * @param fieldId the writer's field id, or null
 * @param logicalType the annotation, or null
 */
public record SchemaElement(
    PhysicalType type,
    Integer typeLength,
    Repetition repetition,
    String name,
    Integer numChildren,
    ConvertedType convertedType,
    Integer scale,
    Integer precision,
    Integer fieldId,
    LogicalType logicalType) {}
