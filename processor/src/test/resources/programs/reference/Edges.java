package reference;

import dev.dedalus.*;

/**
 * Corner cases of expressions and aggregates for the reference comparison
 * ({@code soundness.ReferenceEquivalenceTest}): integer division by zero in heads and in
 * conditions (in aggregate arguments: {@code programs/knownbug/AggregateDivision.java}); int and long overflow; negative remainders; count into
 * an int attribute; max over strings and sum over doubles; timers; a persisted relation and a
 * transient one that {@code :+} rules grow.
 */
@Dedalus
public interface Edges {
  @Input record Num(Location client, long k, long v) {}
  @Input record Small(Location client, int k, int v) {}
  @Input record Word(Location client, String w, double d) {}
  @Output record Res(String what, long k, long v) {}
  @Output record ResI(String what, int x) {}
  @Output record ResD(String what, double d) {}
  @Output record ResS(String what, String s) {}
  @Timer(periodMillis = 250) record Tick(long now) {}

  @Persist record Nums(long k, long v) {}
  record Quot(long k, long q) {}
  record Wrap(int x) {}
  record Cnt(long k, int n) {}
  record Longest(String w) {}
  record DSum(double s) {}
  @Persist record Seen(long now) {}
  record Grow(long k, long v) {}
  @Persist record Acc(long k, long v) {}

  static long big() {
    return Long.MAX_VALUE;
  }

  @Role
  interface Node {
    @Rule("Nums(k, v) :- Num(_, k, v)") void nums();
    @Rule("Quot(k, 12 / v) :- Nums(k, v)") void quot();
    @Rule("Wrap(2147483647 + v) :- Small(_, _, v)") void wrap();
    @Rule("Cnt(k, count(v)) :- Nums(k, v)") void cnt();
    @Rule("Longest(max(w)) :- Word(_, w, _)") void longest();
    @Rule("DSum(sum(d)) :- Word(_, _, d)") void dsum();
    @Rule("Seen(now) :- Tick(now)") void seen();
    @Rule("Acc(k, v) :- Num(_, k, v), v == 0") void accStart();
    @Rule("Acc(k, v + 1) :+ Acc(k, v), v < 3") void accGrow();
    @Rule("Grow(k, 0) :- Num(_, k, 1)") void growStart();
    @Rule("Grow(k, v + 1) :+ Grow(k, v), v < 5") void growNext();

    @Rule("Res@c(\"quot\", k, q) :~ Num(c, _, _), Quot(k, q)") void outQuot();
    @Rule("Res@c(\"cnt\", k, n) :~ Num(c, _, _), Cnt(k, n)") void outCnt();
    @Rule("Res@c(\"cond\", k, v) :~ Num(c, k, v), 6 / (v - 1) > 2") void outCond();
    @Rule("Res@c(\"neg\", k, -v % 3) :~ Num(c, k, v)") void outNeg();
    @Rule("Res@c(\"big\", k, big() + v) :~ Num(c, k, v)") void outBig();
    @Rule("Res@c(\"grow\", k, v) :~ Num(c, _, _), Grow(k, v)") void outGrow();
    @Rule("Res@c(\"acc\", k, v) :~ Num(c, _, _), Acc(k, v)") void outAcc();
    @Rule("Res@c(\"seen\", 0, n) :~ Num(c, _, _), Seen(n)") void outSeen();
    @Rule("ResI@c(\"wrap\", x) :~ Small(c, _, _), Wrap(x)") void outWrap();
    @Rule("ResS@c(\"longest\", w) :~ Word(c, _, _), Longest(w)") void outLongest();
    @Rule("ResD@c(\"dsum\", s) :~ Word(c, _, _), DSum(s)") void outDsum();
    @Rule("ResD@c(\"half\", d / 2) :~ Word(c, _, d)") void outHalf();
  }
}
