package dev.dedalus.runtime.security;

import dev.dedalus.runtime.wire.Crc32cTrailer;
import dev.dedalus.runtime.wire.FrameTrailer;
import dev.dedalus.runtime.wire.SipHashTrailer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The keys an endpoint authenticates frames with. Two kinds: the <em>cluster key</em>, which only
 * nodes hold and which MACs frames between nodes, and the <em>client key</em>, which MACs every
 * frame from or to a client. A client process holds the client key only, so it cannot make a frame
 * that a node takes as another node's. {@link #none()} configures no key: frames then carry a
 * CRC32C, which catches corruption but not forgery (tests, or one trusted box).
 *
 * <p>Keys are read from key files ({@link KeyFile}), never written in code; {@link #toString()}
 * says which keys are held, never their bytes. Frames are MACed with SipHash-2-4-128 ({@link
 * SipHashTrailer}) under a 128-bit key derived from each key file once, when the keys are read
 * ({@link SipHashTrailer#deriveKey}). Immutable; each endpoint makes its own trailers ({@link
 * #betweenNodes()}, {@link #withClients()}) since a trailer is single-threaded.
 */
public final class FrameKeys {
  private static final FrameKeys NONE = new FrameKeys(null, null);

  /** The SipHash keys derived from the key files, or null where not held. */
  private final byte[] clusterKey;
  private final byte[] clientKey;

  private FrameKeys(byte[] clusterKey, byte[] clientKey) {
    this.clusterKey = clusterKey;
    this.clientKey = clientKey;
  }

  private static byte[] macKey(Path keyFile) {
    byte[] keyFileBytes = KeyFile.read(keyFile);
    try {
      return SipHashTrailer.deriveKey(keyFileBytes);
    } finally {
      Arrays.fill(keyFileBytes, (byte) 0);
    }
  }

  /** {@return no keys: frames carry a CRC32C and are not authenticated} */
  public static FrameKeys none() {
    return NONE;
  }

  /**
   * A node's keys: the cluster key, to talk with nodes, and the client key, to talk with clients.
   *
   * @param clusterKeyFile the cluster key's file
   * @param clientKeyFile the client key's file
   * @return the MAC keys derived from both
   * @throws KeyFileException if either file cannot be used; the message names it
   */
  public static FrameKeys forNode(Path clusterKeyFile, Path clientKeyFile) {
    return new FrameKeys(macKey(clusterKeyFile), macKey(clientKeyFile));
  }

  /**
   * A client process's keys: the client key only.
   *
   * @param clientKeyFile the client key's file
   * @return the MAC key derived from it, and no cluster key
   * @throws KeyFileException if the file cannot be used; the message names it
   */
  public static FrameKeys forClient(Path clientKeyFile) {
    return new FrameKeys(null, macKey(clientKeyFile));
  }

  /**
   * Writes a fresh random key to a new file, owner-only where the file system allows: for the
   * cluster key and the client key alike.
   *
   * @param file the new file
   * @throws KeyFileException if the file exists or cannot be written
   */
  public static void generate(Path file) {
    KeyFile.generate(file);
  }

  /** {@return whether frames are authenticated (keys are configured), rather than only checksummed} */
  public boolean authenticates() {
    return clientKey != null;
  }

  /** {@return whether these keys can seal and verify frames between nodes: no keys, or a node's keys} */
  public boolean isNodeCapable() {
    return !authenticates() || clusterKey != null;
  }

  /**
   * These keys as a client in the same process gets them: the client key only, so a client cannot
   * pass for a node even in a node's JVM.
   *
   * @return these keys without the cluster key
   */
  public FrameKeys forClients() {
    return clusterKey == null ? this : new FrameKeys(null, clientKey);
  }

  /**
   * A new trailer for frames between nodes: a MAC under the cluster key, or a CRC32C without keys.
   *
   * @return the trailer, for one endpoint's use
   * @throws IllegalStateException if these are a client's keys
   */
  public FrameTrailer betweenNodes() {
    if (!authenticates()) {
      return new Crc32cTrailer();
    }
    if (clusterKey == null) {
      throw new IllegalStateException("a client's keys have no cluster key: they cannot seal or verify frames between nodes");
    }
    return new SipHashTrailer(clusterKey);
  }

  /** {@return a new trailer for frames from or to a client: a MAC under the client key, or a CRC32C without keys} */
  public FrameTrailer withClients() {
    return authenticates() ? new SipHashTrailer(clientKey) : new Crc32cTrailer();
  }

  @Override
  public String toString() {
    if (!authenticates()) {
      return "FrameKeys[none: CRC32C only]";
    }
    return clusterKey == null ? "FrameKeys[client key]" : "FrameKeys[cluster key, client key]";
  }
}
