package dev.dedalus.runtime.deploy;

import com.typesafe.config.ConfigObject;
import dev.dedalus.runtime.DedalusProgram;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Finds a compiled program by the name of its {@code @Dedalus} type: the processor writes
 * {@code <Program>_Plans} beside it, whose {@code plan(String)} gives each plan and whose
 * {@code NAMES} lists them.
 */
final class ProgramLoader {
  private ProgramLoader() {}

  static DedalusProgram load(String programName, String plan, ConfigObject root) {
    String plansName = programName + "_Plans";
    Class<?> plans;
    try {
      plans = Class.forName(plansName, true, loader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw ConfigReader.error(root.get("program"), "program", "no compiled Dedalus program '" + programName
          + "' on the class path (looked for " + plansName + ", which the processor writes beside the @Dedalus type)");
    }
    List<?> names;
    Method planMethod;
    try {
      names = (List<?>) plans.getField("NAMES").get(null);
      planMethod = plans.getMethod("plan", String.class);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw ConfigReader.error(root.get("program"), "program", plansName + " is not a program's plan list written by the Dedalus processor");
    }
    if (!names.contains(plan)) {
      throw ConfigReader.error(root.get("plan") != null ? root.get("plan") : root, "plan",
          "program " + programName + " has no plan '" + plan + "'; its plans are " + names);
    }
    try {
      return (DedalusProgram) planMethod.invoke(null, plan);
    } catch (IllegalAccessException | InvocationTargetException | ClassCastException e) {
      throw new TopologyFileException(ConfigReader.where(root.origin()) + ": could not load plan '" + plan + "' of " + programName, e);
    }
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ProgramLoader.class.getClassLoader();
  }
}
