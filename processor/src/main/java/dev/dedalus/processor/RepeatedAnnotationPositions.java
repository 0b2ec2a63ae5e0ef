package dev.dedalus.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.dedalus.processor.read.ElementSite;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.Diagnostic;

/**
 * A javac-only refinement: javac wraps repeated annotations in a container that has no position of
 * its own, so a diagnostic about the second {@code @Decouple} would land on the class. Through the
 * compiler tree API we find that annotation's own tree and report there. Where the API is missing
 * (Eclipse's compiler, wrapped environments), the caller falls back to the portable element-level
 * report.
 */
final class RepeatedAnnotationPositions {
  private RepeatedAnnotationPositions() {}

  /** Prints at the repeated annotation's own position; returns false if that is not possible here. */
  static boolean print(ProcessingEnvironment env, Diagnostic.Kind kind, String message, ElementSite site) {
    try {
      Trees trees = Trees.instance(env);
      TreePath path = trees.getPath(site.element());
      if (path == null || !(path.getLeaf() instanceof ClassTree type)) {
        return false;
      }
      int seen = 0;
      for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
        Tree annotationType = annotation.getAnnotationType();
        String name = annotationType.toString();
        if (name.equals(site.repeated()) || name.endsWith("." + site.repeated())) {
          if (seen++ == site.repeatIndex()) {
            CompilationUnitTree unit = path.getCompilationUnit();
            trees.printMessage(kind, message, annotation, unit);
            return true;
          }
        }
      }
      return false;
    } catch (RuntimeException | LinkageError e) {
      return false; // not javac: the portable report is used
    }
  }
}
