package dev.dedalus.processor.read;

import dev.dedalus.processor.diag.Site;
import dev.dedalus.processor.model.DecoupleHint;
import dev.dedalus.processor.model.Function;
import dev.dedalus.processor.model.PartitionHint;
import dev.dedalus.processor.model.Relation;
import java.util.List;
import java.util.Map;

/**
 * A program as declared, read from the compiler's elements and before any rule is parsed. The
 * checker turns it into the {@code model}; it holds plain data and {@link Site}s only, so the
 * checker never touches {@code javax.lang.model}.
 *
 * @param relations the relations whose declarations are valid
 * @param brokenRelations names of relations whose declaration had errors (already reported);
 *     rules that use them are not checked further, to avoid cascades
 * @param functions the usable functions by name
 * @param unusableFunctions functions that exist but cannot be called from rules, with the reason
 */
public record ProgramDecl(
    String packageName,
    String name,
    List<Relation> relations,
    List<String> brokenRelations,
    Map<String, Function> functions,
    Map<String, String> unusableFunctions,
    List<RoleDecl> roles,
    List<DecoupleHint> hints,
    List<PartitionHint> partitionHints,
    Site site) {

  public ProgramDecl {
    relations = List.copyOf(relations);
    brokenRelations = List.copyOf(brokenRelations);
    functions = Map.copyOf(functions);
    unusableFunctions = Map.copyOf(unusableFunctions);
    roles = List.copyOf(roles);
    hints = List.copyOf(hints);
    partitionHints = List.copyOf(partitionHints);
  }

  /** A role as declared. */
  public record RoleDecl(String name, List<RuleDecl> rules, Site site) {
    public RoleDecl {
      rules = List.copyOf(rules);
    }
  }

  /** A rule as declared: its name, its unparsed text and its annotation's site. */
  public record RuleDecl(String name, String text, Site site) {}
}
