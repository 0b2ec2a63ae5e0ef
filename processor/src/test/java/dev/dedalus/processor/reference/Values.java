package dev.dedalus.processor.reference;

import dev.dedalus.Location;
import dev.dedalus.processor.model.Type;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Attribute values as the reference interpreter holds them: boxed Java values ({@link Integer},
 * {@link Long}, {@link Double}, {@link Boolean}, {@link String}, {@link Location}), except that a
 * {@code byte[]} is wrapped in {@link Bytes} so that facts, as lists of values, compare by content.
 * Conversions between these lists and the generated record instances.
 */
public final class Values {
  private Values() {}

  /** A {@code byte[]} value, equal by content. */
  public record Bytes(byte[] data) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "0x" + HexFormat.of().formatHex(data);
    }
  }

  /** The values of a generated record instance, in component order. */
  public static List<Object> of(Object fact) {
    List<Object> values = new ArrayList<>();
    for (RecordComponent c : fact.getClass().getRecordComponents()) {
      try {
        var accessor = c.getAccessor();
        accessor.setAccessible(true);
        Object v = accessor.invoke(fact);
        values.add(v instanceof byte[] b ? new Bytes(b.clone()) : v);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c + " of " + fact, e);
      }
    }
    return List.copyOf(values);
  }

  /** An instance of the record class {@code type} with these values. */
  public static Object toRecord(Class<?> type, List<Object> values) {
    try {
      Class<?>[] params = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
      var constructor = type.getDeclaredConstructor(params);
      constructor.setAccessible(true);
      Object[] args = values.stream().map(v -> v instanceof Bytes b ? b.data().clone() : v).toArray();
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName() + values, e);
    }
  }

  /**
   * {@code v} (a value of a numeric type or any other) as a value of {@code to}: numbers convert as
   * Java's casts do (widening where the language allows it, the cast the generated code writes
   * where it narrows); other values are returned as they are.
   */
  public static Object convert(Object v, Type to) {
    if (!(v instanceof Number n)) {
      return v;
    }
    return switch (to) {
      case INT -> n instanceof Double d ? (int) d.doubleValue() : (int) n.longValue();
      case LONG -> n instanceof Double d ? (long) d.doubleValue() : n.longValue();
      case DOUBLE -> n.doubleValue();
      default -> v;
    };
  }

  /** A short rendering of a fact: {@code Rel(1, "a", loc7)}. */
  public static String show(String relation, List<Object> values) {
    StringBuilder s = new StringBuilder(relation).append('(');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        s.append(", ");
      }
      Object v = values.get(i);
      s.append(v instanceof String str ? '"' + str + '"' : String.valueOf(v));
    }
    return s.append(')').toString();
  }
}
