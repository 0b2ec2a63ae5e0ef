package dev.dedalus.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bottleneck's label keeps JMH's JSON result file valid. */
class CpuProfilerTest {
  @Test
  void aNodeNameLosesTheCharactersJmhsJsonWriterSplitsOn() {
    assertEquals("bottleneck=Replica(0)@6", CpuProfiler.bottleneckLabel("Replica[0]@6"));
    assertEquals("bottleneck=Collector(1;2)@9", CpuProfiler.bottleneckLabel("Collector{1,2}@9"));
  }
}
