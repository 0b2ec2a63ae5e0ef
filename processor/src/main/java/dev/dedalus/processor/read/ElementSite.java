package dev.dedalus.processor.read;

import dev.dedalus.processor.diag.Site;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A site in the user's source: an element and, when known, the annotation and the annotation
 * value the diagnostic is about, so the compiler and IDEs point at exactly that value.
 */
public record ElementSite(Element element, AnnotationMirror mirror, AnnotationValue value, String repeated, int repeatIndex)
    implements Site {

  public ElementSite(Element element, AnnotationMirror mirror, AnnotationValue value) {
    this(element, mirror, value, null, -1);
  }

  /**
   * The {@code index}-th annotation of type {@code annotation} among repeated ones, which javac
   * keeps in a container it made up and cannot point at; the processor then finds the annotation's
   * own tree where the compiler offers one.
   */
  public static ElementSite repeated(Element element, AnnotationMirror container, String annotation, int index) {
    return new ElementSite(element, container, null, annotation, index);
  }

  public static ElementSite of(Element element) {
    return new ElementSite(element, null, null);
  }

  @Override
  public String describe() {
    return element.getKind().name().toLowerCase() + " " + element.getSimpleName();
  }
}
