package dev.dedalus.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

class DumpGenerated {
  @Test
  void dump() throws Exception {
    String name = System.getProperty("dump", "Voting");
    Compilation c = Sources.compile(JavaFileObjects.forResource("programs/example/" + name + ".java"));
    for (var f : c.generatedSourceFiles()) {
      if (f.getName().contains(System.getProperty("dumpFile", "Stage"))) {
        System.out.println("=== " + f.getName());
        System.out.println(f.getCharContent(true));
      }
    }
  }
}
