package dev.dedalus.processor.model;

import java.util.List;

/**
 * A user function: a static method of the program, callable from rules.
 *
 * @param name the method's name
 * @param ownerJavaName the canonical name of the type declaring it, for generated calls
 * @param parameters the parameter types
 * @param result the return type
 * @param pure whether it is marked {@code @Pure}: the same arguments always give the same result
 */
public record Function(String name, String ownerJavaName, List<Type> parameters, Type result, boolean pure) {
  public Function {
    parameters = List.copyOf(parameters);
  }
}
