package dev.dedalus.protocols.rewrites;

import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * The negative control. Moving {@code available} is unsafe: it negates Reserved, persisted state
 * that the rules staying behind write, so on another node it may see a check before the
 * reservation it follows. The processor refuses this hint; the test build forces it
 * ({@code -Adedalus.unsafeForceRewrites=UnsafeReservations}) so that the differential test can
 * show that it catches the difference.
 */
@Decouple(role = "Desk", rules = {"available", "taken"}, into = "Checker")
@Dedalus
public interface UnsafeReservations {
  @Input record Reserve(Location client, long item) {}
  @Output record Available(long item) {}
  @Output record Taken(long item) {}

  @Persist record Reserved(long item) {}
  record CheckLater(Location client, long item) {}

  @Role
  interface Desk {
    @Rule("Reserved(i) :- Reserve(_, i)")
    void reserve();

    /** The check happens a tick after the reservation, when Reserved certainly holds. */
    @Rule("CheckLater(c, i) :+ Reserve(c, i)")
    void later();

    @Rule("Available@c(i) :~ CheckLater(c, i), !Reserved(i)")
    void available();

    @Rule("Taken@c(i) :~ CheckLater(c, i), Reserved(i)")
    void taken();
  }
}
