package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.GeneratedProgram.Op;
import dev.dedalus.processor.soundness.GeneratedProgram.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which partition keys of a role co-hashing plausibly accepts, by a simplified version of the
 * processor's inference (no functional dependencies): from the seed, every rule whose atom has the
 * key in a variable must have that variable in every other atom and in a local head's group-by, to
 * a fixpoint, and every relation the role reads must end up keyed. The hint generator prefers these
 * keys so that many programs reach partitioning rather than its refusal; it still tries others.
 */
final class PlausibleKeys {
  private PlausibleKeys() {}

  /** Every {@code Relation.column} seed of {@code role} the simplified inference keys consistently. */
  static List<String> of(GeneratedProgram program, List<Rule> rules) {
    Set<String> reads = new LinkedHashSet<>();
    for (Rule r : rules) {
      for (String n : r.reads()) {
        if (!program.relation(n).isStatic()) {
          reads.add(n);
        }
      }
    }
    List<String> keys = new ArrayList<>();
    for (String rel : reads) {
      for (int c = 0; c < program.relation(rel).columns().size(); c++) {
        if (consistent(program, rules, reads, rel, c)) {
          keys.add(rel + "." + program.relation(rel).columns().get(c).name());
        }
      }
    }
    return keys;
  }

  private static boolean consistent(GeneratedProgram program, List<Rule> rules, Set<String> reads, String seed, int column) {
    Map<String, Integer> key = new LinkedHashMap<>();
    key.put(seed, column);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Rule r : rules) {
        List<String[]> atoms = new ArrayList<>();
        for (String literal : r.body()) {
          String atom = literal.startsWith("!") ? literal.substring(1) : literal;
          int paren = atom.indexOf('(');
          if (paren > 0 && Character.isUpperCase(atom.charAt(0)) && !program.relation(atom.substring(0, paren)).isStatic()) {
            List<String> args = ProgramGenerator.splitArgs(atom);
            String[] entry = new String[args.size() + 1];
            entry[0] = atom.substring(0, paren);
            for (int i = 0; i < args.size(); i++) {
              entry[i + 1] = args.get(i);
            }
            atoms.add(entry);
          }
        }
        String v = null;
        for (String[] a : atoms) {
          Integer k = key.get(a[0]);
          if (k != null) {
            String arg = a[k + 1];
            if (!isVariable(arg)) {
              return false;
            }
            if (v != null && !v.equals(arg)) {
              return false;
            }
            v = arg;
          }
        }
        if (v == null) {
          continue;
        }
        for (String[] a : atoms) {
          if (!key.containsKey(a[0])) {
            int found = indexOf(a, v);
            if (found < 0) {
              return false;
            }
            key.put(a[0], found);
            changed = true;
          } else if (!v.equals(a[key.get(a[0]) + 1])) {
            return false;
          }
        }
        if (r.op() != Op.ASYNC) {
          List<String> head = ProgramGenerator.splitArgs(r.head());
          int found = head.indexOf(v);
          Integer known = key.get(r.headRelation());
          if (found < 0 || (known != null && known != found)) {
            return false;
          }
          if (known == null) {
            key.put(r.headRelation(), found);
            changed = true;
          }
        }
      }
    }
    return key.keySet().containsAll(reads);
  }

  private static int indexOf(String[] atom, String v) {
    for (int i = 1; i < atom.length; i++) {
      if (atom[i].equals(v)) {
        return i - 1;
      }
    }
    return -1;
  }

  private static boolean isVariable(String arg) {
    return !arg.isEmpty() && Character.isLowerCase(arg.charAt(0)) && !arg.equals("self") && !arg.contains("(");
  }
}
