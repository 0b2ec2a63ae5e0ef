package dev.dedalus.protocols.cli;

import dev.dedalus.Location;
import dev.dedalus.protocols.load.ReplyListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code --reply-log}: one line per answered request, {@code <client> <id> <outcome>}, handed to
 * the operating system as it is answered, so the lines a client saw outlive a {@code kill -9} of the
 * process. Shared by every client thread.
 */
final class ReplyLog implements ReplyListener, AutoCloseable {
  private final Path file;
  private final BufferedWriter out;

  ReplyLog(Path file) throws IOException {
    this.file = file;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void answered(Location client, long id, String outcome) {
    try {
      out.write(client.id() + " " + id + " " + outcome + "\n");
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reply log " + file, e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
