package knownbug;

import dev.dedalus.*;

/**
 * An aggregate whose argument divides by zero: the binding derives nothing (docs/LANGUAGE.md,
 * "Arithmetic"), so a group all of whose bindings divide by zero has no fact ("a group with no
 * derivation has no fact: there is no count of 0"). The generated stage derives such a group with
 * the aggregate's initial value: {@code Num(c, 1, 0)} alone gives {@code SumInv(1, 0)},
 * {@code MinInv(1, 0)} and {@code CountInv(1, 0)} (it adds the group before the argument throws).
 */
@Dedalus
public interface AggregateDivision {
  @Input record Num(Location client, long k, long v) {}
  @Output record Res(String what, long k, long v) {}
  record SumInv(long k, long s) {}
  record MinInv(long k, long m) {}
  record CountInv(long k, long n) {}

  @Role
  interface Node {
    @Rule("SumInv(k, sum(12 / v)) :- Num(_, k, v)") void sumInv();
    @Rule("MinInv(k, min(12 % v)) :- Num(_, k, v)") void minInv();
    @Rule("CountInv(k, count(12 / v)) :- Num(_, k, v)") void countInv();
    @Rule("Res@c(\"sumInv\", k, s) :~ Num(c, _, _), SumInv(k, s)") void outSumInv();
    @Rule("Res@c(\"minInv\", k, m) :~ Num(c, _, _), MinInv(k, m)") void outMinInv();
    @Rule("Res@c(\"countInv\", k, n) :~ Num(c, _, _), CountInv(k, n)") void outCountInv();
  }
}
