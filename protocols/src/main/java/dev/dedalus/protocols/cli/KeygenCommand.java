package dev.dedalus.protocols.cli;

import dev.dedalus.runtime.security.FrameKeys;
import dev.dedalus.runtime.security.KeyFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Writes fresh random keys for authenticated frames, one new file each, readable only by its
 * owner; an existing file is never overwritten.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Writes a fresh random frame key to each FILE (new files only, owner-only permissions): "
        + "one for the cluster key (nodes only) and one for the client key (nodes and clients), "
        + "named by the topology file's keys { cluster = ..., clients = ... }.")
final class KeygenCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The key files to write.")
  List<Path> files;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    for (Path file : files) {
      try {
        FrameKeys.generate(file);
      } catch (KeyFileException e) {
        return Main.fail(spec, e.getMessage());
      }
      spec.commandLine().getOut().println("wrote a new key to " + file);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
