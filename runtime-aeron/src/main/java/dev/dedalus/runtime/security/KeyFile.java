package dev.dedalus.runtime.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes key files: text, one line of base64 holding at least {@link #MIN_KEY_BYTES}
 * random bytes; blank lines and lines starting with {@code #} are comments. Key material is never
 * logged or put in an exception message.
 */
public final class KeyFile {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);

  /**
   * 256 bits: as long as the output of HMAC-SHA256, which derives the 128-bit frame MAC key from it
   * ({@link dev.dedalus.runtime.wire.SipHashTrailer#deriveKey}).
   */
  public static final int MIN_KEY_BYTES = 32;

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private KeyFile() {}

  /**
   * Writes a fresh key of {@link #MIN_KEY_BYTES} bytes from {@link SecureRandom} to {@code file}, a
   * new file, readable and writable by its owner only where the file system has POSIX permissions.
   *
   * @param file the key file to create
   * @throws KeyFileException if the file exists (a key is never overwritten) or cannot be written
   */
  public static void generate(Path file) {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    String text = "# Dedalus frame key, generated " + Instant.now() + ". Keep it secret.\n"
        + Base64.getEncoder().encodeToString(key) + "\n";
    try {
      if (posix(file.toAbsolutePath().getParent())) {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Files.createFile(file, ownerOnly);
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file, "exists already; a key file is never overwritten", e);
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot be written: " + e, e);
    }
  }

  /**
   * Reads the key in {@code file}; logs a warning if the file's permissions give its group or
   * others anything.
   *
   * @param file the key file
   * @return the key's bytes, at least {@link #MIN_KEY_BYTES} of them
   * @throws KeyFileException if the file is missing or unreadable, has no key line or more than
   *     one, the line is not base64, or the key is shorter than {@link #MIN_KEY_BYTES}
   */
  public static byte[] read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "does not exist (generate one with KeyFile.generate or `dedalus keygen`)", e);
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot be read: " + e.getClass().getSimpleName(), e);
    }
    List<String> keyLines = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        keyLines.add(trimmed);
      }
    }
    if (keyLines.size() != 1) {
      throw new KeyFileException(file, "must have exactly one key line (base64), not " + keyLines.size());
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(keyLines.get(0));
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character; say only where the problem is.
      throw new KeyFileException(file, "the key line is not base64");
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new KeyFileException(file, "the key is " + key.length + " bytes, shorter than " + MIN_KEY_BYTES);
    }
    warnIfShared(file);
    return key;
  }

  private static void warnIfShared(Path file) {
    try {
      if (!posix(file)) {
        return;
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      for (PosixFilePermission p : permissions) {
        if (!p.name().startsWith("OWNER_")) {
          LOG.warn("key file {} is open to others than its owner ({}); make it owner-only (chmod 600)",
              file.toAbsolutePath(), PosixFilePermissions.toString(permissions));
          return;
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot read the permissions of key file {}: {}", file.toAbsolutePath(), e.toString());
    }
  }

  private static boolean posix(Path path) {
    return path != null && Files.exists(path) && path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
