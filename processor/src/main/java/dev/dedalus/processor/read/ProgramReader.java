package dev.dedalus.processor.read;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.model.Answer;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.ConfigSource;
import dev.dedalus.processor.model.DecoupleHint;
import dev.dedalus.processor.model.PartitionHint;
import dev.dedalus.processor.model.Function;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a {@code @Dedalus} type into a {@link ProgramDecl}: its relations (nested records), roles
 * (nested {@code @Role} types), rules and functions (static methods). Declaration errors are
 * reported here; rule texts are left for the checker. Uses only portable {@code javax.lang.model}.
 */
public final class ProgramReader {
  static final String PACKAGE = "dev.dedalus";
  private static final String LOCATION = PACKAGE + ".Location";
  private static final Map<String, RelationKind> KIND_ANNOTATIONS = Map.of(
      PACKAGE + ".Input", RelationKind.INPUT,
      PACKAGE + ".Output", RelationKind.OUTPUT,
      PACKAGE + ".Config", RelationKind.CONFIG,
      PACKAGE + ".Timer", RelationKind.TIMER,
      PACKAGE + ".Persist", RelationKind.PERSIST,
      PACKAGE + ".Durable", RelationKind.DURABLE);

  private final Reporter reporter;

  public ProgramReader(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Whether the type's declaration mentions a type that does not exist (yet): then wait a round. */
  public static boolean referencesMissingTypes(TypeElement program) {
    for (TypeElement nested : ElementFilter.typesIn(program.getEnclosedElements())) {
      if (nested.getKind() == ElementKind.RECORD) {
        for (RecordComponentElement c : nested.getRecordComponents()) {
          if (c.asType().getKind() == TypeKind.ERROR) {
            return true;
          }
        }
      }
    }
    return false;
  }

  public Optional<ProgramDecl> read(TypeElement program) {
    ElementSite programSite = new ElementSite(program, annotation(program, PACKAGE + ".Dedalus"), null);
    if (program.getNestingKind() != NestingKind.TOP_LEVEL) {
      reporter.error(DiagnosticId.DedalusNotTopLevel, programSite,
          "@Dedalus program '%s' must be a top-level type; it is nested in '%s'",
          program.getSimpleName(), program.getEnclosingElement().getSimpleName());
      return Optional.empty();
    }
    if (program.getKind() != ElementKind.CLASS && program.getKind() != ElementKind.INTERFACE) {
      reporter.error(DiagnosticId.DedalusNotTopLevel, programSite,
          "@Dedalus program '%s' must be a class or an interface, not a %s",
          program.getSimpleName(), program.getKind().name().toLowerCase());
      return Optional.empty();
    }

    List<Relation> relations = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    List<ProgramDecl.RoleDecl> roles = new ArrayList<>();
    for (Element nested : program.getEnclosedElements()) {
      if (!(nested instanceof TypeElement type)) {
        continue;
      }
      if (annotation(type, PACKAGE + ".Role") != null) {
        roles.add(readRole(type));
      } else if (type.getKind() == ElementKind.RECORD) {
        readRelation(type).ifPresentOrElse(relations::add, () -> broken.add(type.getSimpleName().toString()));
      } else {
        if (hasKindAnnotation(type)) {
          reporter.error(DiagnosticId.DedalusUnsupportedType, ElementSite.of(type),
              "relation '%s' must be a record; it is a %s", type.getSimpleName(), type.getKind().name().toLowerCase());
          broken.add(type.getSimpleName().toString());
        }
        warnStrayRules(type);
      }
    }
    warnStrayRules(program);
    if (roles.isEmpty()) {
      reporter.error(DiagnosticId.DedalusNoRoles, programSite,
          "program '%s' declares no role; nest a type annotated @Role holding its @Rule methods", program.getSimpleName());
    }

    Map<String, Function> functions = new TreeMap<>();
    Map<String, String> unusable = new TreeMap<>();
    readFunctions(program, functions, unusable);

    PackageElement pkg = packageOf(program);
    return Optional.of(new ProgramDecl(
        pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString(),
        program.getSimpleName().toString(),
        relations, broken, functions, unusable, roles, readHints(program), readPartitionHints(program), programSite));
  }

  /** The {@code @Decouple} hints, written singly or repeated. */
  private List<DecoupleHint> readHints(TypeElement program) {
    return repeatable(program, "Decouple", (m, site) -> hint(program, m, site));
  }

  /** The {@code @Partition} hints, written singly or repeated. */
  private List<PartitionHint> readPartitionHints(TypeElement program) {
    return repeatable(program, "Partition", ProgramReader::partitionHint);
  }

  /**
   * The annotations {@code @<simpleName>} on {@code program}, in the order written: a single one
   * directly, repeated ones from the container javac wraps them in, each with a site that points
   * at the annotation itself.
   */
  private static <T> List<T> repeatable(TypeElement program, String simpleName,
      java.util.function.BiFunction<AnnotationMirror, ElementSite, T> read) {
    List<T> out = new ArrayList<>();
    for (AnnotationMirror m : program.getAnnotationMirrors()) {
      String name = qualifiedName(m);
      if (name.equals(PACKAGE + "." + simpleName)) {
        out.add(read.apply(m, new ElementSite(program, m, null)));
      } else if (name.equals(PACKAGE + "." + simpleName + ".List")) {
        AnnotationValue value = valueOf(m, "value");
        if (value != null) {
          int index = 0;
          for (Object inner : (List<?>) value.getValue()) {
            out.add(read.apply((AnnotationMirror) ((AnnotationValue) inner).getValue(),
                ElementSite.repeated(program, m, simpleName, index++)));
          }
        }
      }
    }
    return out;
  }

  private static PartitionHint partitionHint(AnnotationMirror m, ElementSite site) {
    AnnotationValue role = valueOf(m, "role");
    return new PartitionHint(role == null ? "" : String.valueOf(role.getValue()), strings(valueOf(m, "key")), site);
  }

  private static List<String> strings(AnnotationValue value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      Object v = value.getValue();
      if (v instanceof List<?> list) {
        list.forEach(x -> out.add(String.valueOf(((AnnotationValue) x).getValue())));
      } else {
        out.add(String.valueOf(v));
      }
    }
    return out;
  }

  private static DecoupleHint hint(TypeElement program, AnnotationMirror m, ElementSite site) {
    AnnotationValue role = valueOf(m, "role");
    AnnotationValue into = valueOf(m, "into");
    List<String> names = strings(valueOf(m, "rules"));
    return new DecoupleHint(role == null ? "" : String.valueOf(role.getValue()), names,
        into == null ? "" : String.valueOf(into.getValue()), site);
  }

  private Optional<Relation> readRelation(TypeElement record) {
    Set<RelationKind> kinds = EnumSet.noneOf(RelationKind.class);
    for (AnnotationMirror m : record.getAnnotationMirrors()) {
      RelationKind k = KIND_ANNOTATIONS.get(qualifiedName(m));
      if (k != null) {
        kinds.add(k);
      }
    }
    boolean ok = checkKinds(record, kinds) && readDurability(record, kinds);

    List<Attribute> attributes = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      Optional<Type> type = typeOf(component.asType());
      if (type.isEmpty()) {
        // javac gives record components no source position, so report on the record itself.
        reporter.error(DiagnosticId.DedalusUnsupportedType, ElementSite.of(record),
            "attribute '%s' of relation '%s' has type %s; supported types are int, long, boolean, double, String, byte[] and Location",
            component.getSimpleName(), record.getSimpleName(), component.asType());
        ok = false;
      } else {
        attributes.add(new Attribute(component.getSimpleName().toString(), type.get()));
      }
    }

    long period = 0;
    if (kinds.contains(RelationKind.TIMER)) {
      AnnotationMirror timer = annotation(record, PACKAGE + ".Timer");
      AnnotationValue value = valueOf(timer, "periodMillis");
      period = value == null ? 0 : ((Number) value.getValue()).longValue();
      if (period < 1) {
        reporter.error(DiagnosticId.DedalusBadTimer, new ElementSite(record, timer, value),
            "timer '%s' has periodMillis = %d; the period must be at least 1 ms", record.getSimpleName(), period);
        ok = false;
      }
      boolean shapeOk = attributes.isEmpty() || (attributes.size() == 1 && attributes.get(0).type() == Type.LONG);
      if (ok && !shapeOk) {
        reporter.error(DiagnosticId.DedalusBadTimer, new ElementSite(record, timer, null),
            "timer '%s' must have no attribute or a single long attribute (the clock in milliseconds); it has (%s)",
            record.getSimpleName(), String.join(", ", attributes.stream().map(Attribute::toString).toList()));
        ok = false;
      }
    }

    Optional<String> inputRole = Optional.empty();
    if (kinds.contains(RelationKind.INPUT)) {
      AnnotationMirror input = annotation(record, PACKAGE + ".Input");
      AnnotationValue role = valueOf(input, "role");
      if (role != null && !role.getValue().toString().isEmpty()) {
        inputRole = Optional.of(role.getValue().toString());
      }
    }
    Optional<Answer> answer = readAnswer(record, kinds);
    ConfigSource configSource = null;
    if (ok && kinds.contains(RelationKind.CONFIG)) {
      configSource = readConfigSource(record, attributes);
      ok = configSource != null;
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(new Relation(record.getSimpleName().toString(), record.getQualifiedName().toString(),
        attributes, kinds, period, inputRole, configSource, answer,
        new ElementSite(record, firstKindAnnotation(record), null)));
  }

  /**
   * Reads {@code @Answered} as written. Errors that need only this record are reported here; the
   * output and the key are checked with the whole program. Empty after an error: the relation itself
   * is still sound, so its rules are checked as usual and the build fails on the error alone.
   */
  private Optional<Answer> readAnswer(TypeElement record, Set<RelationKind> kinds) {
    AnnotationMirror answered = annotation(record, PACKAGE + ".Answered");
    if (answered == null) {
      return Optional.empty();
    }
    if (!kinds.contains(RelationKind.INPUT)) {
      String what = kinds.isEmpty() ? "a derived relation"
          : "an " + kinds.stream().sorted().map(ProgramReader::annotationName).collect(Collectors.joining(" ")) + " relation";
      reporter.error(DiagnosticId.DedalusAnsweredNotInput, new ElementSite(record, answered, null),
          "@Answered is on '%s', %s; only an @Input is a request that clients send and wait for an answer to",
          record.getSimpleName(), what);
      return Optional.empty();
    }
    AnnotationValue resend = valueOf(answered, "resendAfterMillis");
    long resendAfterMillis = resend == null ? defaultResendMillis(answered) : ((Number) resend.getValue()).longValue();
    if (resendAfterMillis < 1) {
      reporter.error(DiagnosticId.DedalusBadResend, new ElementSite(record, answered, resend),
          "@Answered '%s' has resendAfterMillis = %d; an unanswered call is sent again after that many "
              + "milliseconds, so it must be at least 1", record.getSimpleName(), resendAfterMillis);
      return Optional.empty();
    }
    AnnotationValue by = valueOf(answered, "by");
    AnnotationValue key = valueOf(answered, "key");
    return Optional.of(new Answer(by == null ? "" : String.valueOf(by.getValue()), key == null ? "" : String.valueOf(key.getValue()),
        resendAfterMillis, new ElementSite(record, answered, by), new ElementSite(record, answered, key)));
  }

  /** The default of {@code @Answered.resendAfterMillis}, read from the annotation so it is written down once. */
  private static long defaultResendMillis(AnnotationMirror answered) {
    for (ExecutableElement member : ElementFilter.methodsIn(answered.getAnnotationType().asElement().getEnclosedElements())) {
      if (member.getSimpleName().contentEquals("resendAfterMillis") && member.getDefaultValue() != null) {
        return ((Number) member.getDefaultValue().getValue()).longValue();
      }
    }
    throw new IllegalStateException("@Answered.resendAfterMillis has no default");
  }

  /** Reads {@code @Config}'s source and checks the record's shape against it; null after an error. */
  private ConfigSource readConfigSource(TypeElement record, List<Attribute> attributes) {
    AnnotationMirror config = annotation(record, PACKAGE + ".Config");
    AnnotationValue addressesOf = valueOf(config, "addressesOf");
    AnnotationValue countOf = valueOf(config, "countOf");
    AnnotationValue instanceIndex = valueOf(config, "instanceIndex");
    List<ConfigSource> sources = new ArrayList<>();
    if (addressesOf != null && !addressesOf.getValue().toString().isEmpty()) {
      sources.add(new ConfigSource(ConfigSource.Kind.ADDRESSES, addressesOf.getValue().toString()));
    }
    if (countOf != null && !countOf.getValue().toString().isEmpty()) {
      sources.add(new ConfigSource(ConfigSource.Kind.COUNT, countOf.getValue().toString()));
    }
    if (instanceIndex != null && Boolean.TRUE.equals(instanceIndex.getValue())) {
      sources.add(new ConfigSource(ConfigSource.Kind.INSTANCE_INDEX, ""));
    }
    ElementSite site = new ElementSite(record, config, null);
    if (sources.size() > 1) {
      reporter.error(DiagnosticId.DedalusBadConfig, site,
          "@Config '%s' names more than one source (%s); choose one", record.getSimpleName(),
          String.join(", ", sources.stream().map(ConfigSource::toString).toList()));
      return null;
    }
    if (sources.isEmpty()) {
      return ConfigSource.GIVEN;
    }
    ConfigSource source = sources.get(0);
    boolean shapeOk = attributes.size() == 1 && switch (source.kind()) {
      case ADDRESSES -> attributes.get(0).type() == Type.LOCATION;
      default -> attributes.get(0).type() == Type.INT || attributes.get(0).type() == Type.LONG;
    };
    if (!shapeOk) {
      reporter.error(DiagnosticId.DedalusBadConfig, site,
          "@Config '%s' with %s must have exactly one %s attribute; it has (%s)", record.getSimpleName(), source,
          source.kind() == ConfigSource.Kind.ADDRESSES ? "Location" : "int or long",
          String.join(", ", attributes.stream().map(Attribute::toString).toList()));
      return null;
    }
    return source;
  }

  private boolean checkKinds(TypeElement record, Set<RelationKind> kinds) {
    List<String> sources = new ArrayList<>();
    for (RelationKind k : List.of(RelationKind.INPUT, RelationKind.OUTPUT, RelationKind.CONFIG, RelationKind.TIMER)) {
      if (kinds.contains(k)) {
        sources.add(annotationName(k));
      }
    }
    ElementSite site = new ElementSite(record, firstKindAnnotation(record), null);
    if (sources.size() > 1) {
      reporter.error(DiagnosticId.DedalusConflictingKinds, site,
          "relation '%s' cannot be both %s: a relation has one source of facts", record.getSimpleName(), String.join(" and ", sources));
      return false;
    }
    boolean persisted = kinds.contains(RelationKind.PERSIST) || kinds.contains(RelationKind.DURABLE);
    if (persisted && !sources.isEmpty() && !kinds.contains(RelationKind.INPUT)) {
      String why = kinds.contains(RelationKind.OUTPUT)
          ? "output facts leave the node and are never stored there"
          : "its facts already hold in every tick";
      reporter.error(DiagnosticId.DedalusConflictingKinds, site,
          "relation '%s' cannot be both %s and %s: %s", record.getSimpleName(), sources.get(0),
          kinds.contains(RelationKind.DURABLE) ? "@Durable" : "@Persist", why);
      return false;
    }
    return true;
  }

  /**
   * {@code @Durable} persists its relation unless it says {@code persist = false}; then the
   * relation holds what its {@code :+} rules carry, which {@code @Persist} would contradict.
   */
  private boolean readDurability(TypeElement record, Set<RelationKind> kinds) {
    if (!kinds.contains(RelationKind.DURABLE)) {
      return true;
    }
    AnnotationMirror durable = annotation(record, PACKAGE + ".Durable");
    AnnotationValue persist = valueOf(durable, "persist");
    if (persist == null || Boolean.TRUE.equals(persist.getValue())) {
      kinds.add(RelationKind.PERSIST);
      return true;
    }
    if (kinds.contains(RelationKind.PERSIST)) {
      reporter.error(DiagnosticId.DedalusConflictingKinds, new ElementSite(record, durable, persist),
          "relation '%s' cannot be both @Persist and @Durable(persist = false): remove one", record.getSimpleName());
      return false;
    }
    return true;
  }

  private static String annotationName(RelationKind k) {
    String n = k.name().toLowerCase();
    return "@" + Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  private ProgramDecl.RoleDecl readRole(TypeElement role) {
    List<ProgramDecl.RuleDecl> rules = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ExecutableElement method : ElementFilter.methodsIn(role.getEnclosedElements())) {
      AnnotationMirror ruleMirror = annotation(method, PACKAGE + ".Rule");
      if (ruleMirror == null) {
        continue;
      }
      AnnotationValue text = valueOf(ruleMirror, "value");
      ElementSite site = new ElementSite(method, ruleMirror, text);
      String name = method.getSimpleName().toString();
      if (!seen.add(name)) {
        reporter.error(DiagnosticId.DedalusDuplicateRule, site,
            "role '%s' has two rules named '%s'; a rule's method name must be unique in its role", role.getSimpleName(), name);
        continue;
      }
      rules.add(new ProgramDecl.RuleDecl(name, text == null ? "" : (String) text.getValue(), site));
    }
    return new ProgramDecl.RoleDecl(role.getSimpleName().toString(), rules,
        new ElementSite(role, annotation(role, PACKAGE + ".Role"), null));
  }

  /** Warns about {@code @Rule} methods declared directly in {@code type}, which belongs to no role. */
  private void warnStrayRules(TypeElement type) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      AnnotationMirror ruleMirror = annotation(method, PACKAGE + ".Rule");
      if (ruleMirror != null) {
        reporter.warning(DiagnosticId.DedalusRuleOutsideRole, new ElementSite(method, ruleMirror, valueOf(ruleMirror, "value")),
            "rule '%s' is declared in '%s', which is not a @Role; it belongs to no role and is ignored",
            method.getSimpleName(), type.getSimpleName());
      }
    }
  }

  private void readFunctions(TypeElement program, Map<String, Function> functions, Map<String, String> unusable) {
    Map<String, List<ExecutableElement>> byName = new LinkedHashMap<>();
    for (ExecutableElement m : ElementFilter.methodsIn(program.getEnclosedElements())) {
      if (m.getModifiers().contains(Modifier.STATIC)) {
        byName.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>()).add(m);
      }
    }
    String owner = program.getQualifiedName().toString();
    for (Map.Entry<String, List<ExecutableElement>> e : byName.entrySet()) {
      String name = e.getKey();
      if (e.getValue().size() > 1) {
        unusable.put(name, "it is overloaded, and rules call functions by name only");
        continue;
      }
      ExecutableElement m = e.getValue().get(0);
      if (m.getModifiers().contains(Modifier.PRIVATE)) {
        unusable.put(name, "it is private; generated code must be able to call it");
        continue;
      }
      Optional<Type> result = typeOf(m.getReturnType());
      if (result.isEmpty()) {
        unusable.put(name, "it returns " + m.getReturnType() + ", which is not an attribute type");
        continue;
      }
      List<Type> params = new ArrayList<>();
      String problem = null;
      for (VariableElement p : m.getParameters()) {
        Optional<Type> t = typeOf(p.asType());
        if (t.isEmpty()) {
          problem = "its parameter '" + p.getSimpleName() + "' has type " + p.asType() + ", which is not an attribute type";
          break;
        }
        params.add(t.get());
      }
      if (problem != null) {
        unusable.put(name, problem);
      } else {
        functions.put(name, new Function(name, owner, params, result.get(), annotation(m, PACKAGE + ".Pure") != null));
      }
    }
  }

  /** Maps a Java type to an attribute type, if it is one. */
  static Optional<Type> typeOf(TypeMirror t) {
    switch (t.getKind()) {
      case INT: return Optional.of(Type.INT);
      case LONG: return Optional.of(Type.LONG);
      case BOOLEAN: return Optional.of(Type.BOOLEAN);
      case DOUBLE: return Optional.of(Type.DOUBLE);
      case ARRAY:
        return ((ArrayType) t).getComponentType().getKind() == TypeKind.BYTE ? Optional.of(Type.BYTES) : Optional.empty();
      case DECLARED: {
        String name = ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString();
        if (name.equals("java.lang.String")) {
          return Optional.of(Type.STRING);
        }
        if (name.equals(LOCATION)) {
          return Optional.of(Type.LOCATION);
        }
        return Optional.empty();
      }
      default:
        return Optional.empty();
    }
  }

  private static boolean hasKindAnnotation(TypeElement type) {
    return type.getAnnotationMirrors().stream().anyMatch(m -> KIND_ANNOTATIONS.containsKey(qualifiedName(m)));
  }

  private static AnnotationMirror firstKindAnnotation(TypeElement type) {
    return type.getAnnotationMirrors().stream()
        .filter(m -> KIND_ANNOTATIONS.containsKey(qualifiedName(m))).findFirst().orElse(null);
  }

  static AnnotationMirror annotation(Element element, String qualifiedName) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (qualifiedName(m).equals(qualifiedName)) {
        return m;
      }
    }
    return null;
  }

  /** The explicitly written value of an annotation member, or null when defaulted. */
  static AnnotationValue valueOf(AnnotationMirror mirror, String member) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String qualifiedName(AnnotationMirror m) {
    return ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  private static PackageElement packageOf(Element e) {
    Element current = e;
    while (!(current instanceof PackageElement)) {
      current = current.getEnclosingElement();
    }
    return (PackageElement) current;
  }
}
