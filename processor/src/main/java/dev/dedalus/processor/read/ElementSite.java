package dev.dedalus.processor.read;

import dev.dedalus.processor.diag.Site;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A site in the user's source: an element and, when known, the annotation and the annotation
 * value the diagnostic is about, so the compiler and IDEs point at exactly that value.
 */
public record ElementSite(Element element, AnnotationMirror mirror, AnnotationValue value) implements Site {

  public static ElementSite of(Element element) {
    return new ElementSite(element, null, null);
  }

  @Override
  public String describe() {
    return element.getKind().name().toLowerCase() + " " + element.getSimpleName();
  }
}
