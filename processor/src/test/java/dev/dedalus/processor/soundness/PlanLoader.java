package dev.dedalus.processor.soundness;

import dev.dedalus.runtime.DedalusProgram;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;

/**
 * Loads a compiled program's classes into a fresh class loader (parent: the test's, so the runtime
 * and {@code Location} are shared) and gets its plans through the generated
 * {@code <Program>_Plans.plan(name)}. One loader per program: generated programs never collide, and
 * each is dropped with its loader.
 */
final class PlanLoader {
  private PlanLoader() {}

  /** The loaded plans of one program, and its record classes. */
  record Plans(ClassLoader loader, GeneratedProgram program, DedalusProgram base, DedalusProgram optimized) {
    Class<?> record(String relation) {
      try {
        return Class.forName(program.qualifiedName() + "$" + relation, true, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("no record class for " + relation, e);
      }
    }

    /** A fact of {@code relation} from its column values, through the record's canonical constructor. */
    Object fact(String relation, List<Object> values) {
      return PlanLoader.fact(record(relation), values);
    }
  }

  static Plans load(GeneratedProgram program, Map<String, byte[]> classes) {
    ClassLoader loader = loader(classes);
    DedalusProgram base = plan(loader, program.qualifiedName(), "base");
    DedalusProgram optimized = program.hints().isEmpty() ? base : plan(loader, program.qualifiedName(), "optimized");
    return new Plans(loader, program, base, optimized);
  }

  /** A fresh class loader that defines {@code classes} (by binary name) and delegates the rest to the test's. */
  static ClassLoader loader(Map<String, byte[]> classes) {
    return new BytesClassLoader(classes, PlanLoader.class.getClassLoader());
  }

  /** Plan {@code name} of the program {@code qualifiedName} loaded by {@code loader}, from its {@code _Plans}. */
  static DedalusProgram plan(ClassLoader loader, String qualifiedName, String name) {
    try {
      Class<?> plans = Class.forName(qualifiedName + "_Plans", true, loader);
      return (DedalusProgram) plans.getMethod("plan", String.class).invoke(null, name);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the plans of " + qualifiedName, e);
    }
  }

  /** A fact of the record class {@code type} from its column values, through its canonical constructor. */
  static Object fact(Class<?> type, List<Object> values) {
    try {
      Class<?>[] params = java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getType()).toArray(Class<?>[]::new);
      Constructor<?> constructor = type.getDeclaredConstructor(params);
      constructor.setAccessible(true);
      return constructor.newInstance(values.toArray());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName() + values, e);
    }
  }

  private static final class BytesClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    BytesClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
