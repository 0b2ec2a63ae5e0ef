package dev.dedalus.processor.soundness;

import dev.dedalus.Location;
import dev.dedalus.processor.soundness.GeneratedProgram.ColType;
import dev.dedalus.processor.soundness.GeneratedProgram.Column;
import dev.dedalus.processor.soundness.GeneratedProgram.Kind;
import dev.dedalus.processor.soundness.GeneratedProgram.Relation;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The clients' side of a run, as data, so that both plans (and every shrinking candidate) get
 * exactly the same inputs: which client sends which fact of which input relation to which
 * instance of its receiving role, and when; and the facts of {@code @Config} relations the
 * deployment gives. Values come from a small domain so that joins, negation and aggregates meet.
 */
record InputScript(int clients, List<Send> sends, List<Long> given) {
  static final long TIMER_PERIOD_MILLIS = 200;
  static final long TIMER_HORIZON_MILLIS = 1_000;

  /** Client {@code client} sends {@code relation(clientLocation, values..)} to an instance at {@code atMillis}. */
  record Send(int client, long atMillis, String relation, int instance, List<Long> values) {
    @Override
    public String toString() {
      return "client " + client + " at " + atMillis + "ms: " + relation + "(c" + client
          + values.stream().map(v -> ", " + v).collect(Collectors.joining()) + ") to instance " + instance;
    }
  }

  InputScript {
    sends = List.copyOf(sends);
    given = List.copyOf(given);
  }

  static InputScript generate(GeneratedProgram program, SplittableRandom r) {
    int clients = 1 + r.nextInt(2);
    List<Send> sends = new ArrayList<>();
    for (Relation in : program.relations()) {
      if (!in.isInput()) {
        continue;
      }
      int n = 2 + r.nextInt(4);
      for (int k = 0; k < n; k++) {
        List<Long> values = new ArrayList<>();
        for (Column c : in.columns()) {
          if (c.type() == ColType.LONG) {
            values.add((long) r.nextInt(3));
          }
        }
        sends.add(new Send(r.nextInt(clients), r.nextInt(40), in.name(), r.nextInt(2), values));
      }
    }
    List<Long> given = new ArrayList<>();
    if (program.relations().stream().anyMatch(x -> x.kind() == Kind.GIVEN)) {
      int n = 1 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        long v = r.nextInt(3);
        if (!given.contains(v)) {
          given.add(v);
        }
      }
    }
    return new InputScript(clients, sends, given);
  }

  InputScript withoutSend(int index) {
    List<Send> rest = new ArrayList<>(sends);
    rest.remove(index);
    return new InputScript(clients, rest, given);
  }

  InputScript withoutGiven(int index) {
    List<Long> rest = new ArrayList<>(given);
    rest.remove(index);
    return new InputScript(clients, sends, rest);
  }

  /** Only the sends of relations the program still declares (a shrunk program may have lost some). */
  InputScript restrictedTo(GeneratedProgram program) {
    List<Send> kept = sends.stream().filter(s -> program.relations().stream()
        .anyMatch(x -> x.name().equals(s.relation()) && x.isInput())).toList();
    return new InputScript(clients, kept, given);
  }

  /** Adds the given configuration facts to a deployment being built. */
  void configure(Topology.Builder topology, PlanLoader.Plans plans) {
    if (plans.program().relations().stream().noneMatch(x -> x.kind() == Kind.GIVEN)) {
      return;
    }
    for (long v : given) {
      topology.config(plans.fact("Given", List.of(v)));
    }
  }

  /** Schedules every send into {@code sim}, which runs {@code plan}. */
  void apply(Simulation sim, DedalusProgram plan, PlanLoader.Plans plans) {
    List<SimClient> simClients = new ArrayList<>();
    for (int k = 0; k < clients; k++) {
      simClients.add(sim.client());
    }
    for (Send s : sends) {
      SimClient client = simClients.get(s.client());
      Relation rel = plans.program().relation(s.relation());
      List<Object> values = new ArrayList<>();
      int v = 0;
      for (Column c : rel.columns()) {
        values.add(c.type() == ColType.CLIENT ? client.location() : s.values().get(v++));
      }
      Object fact = plans.fact(s.relation(), values);
      String role = plan.inputRole(fact.getClass());
      List<Location> instances = sim.topology().addressesOf(role);
      client.sendAt(s.atMillis(), instances.get(s.instance() % instances.size()), fact);
    }
  }

  @Override
  public String toString() {
    return sends.stream().map(Send::toString).collect(Collectors.joining("\n"))
        + (given.isEmpty() ? "" : "\nconfig Given " + given);
  }
}
