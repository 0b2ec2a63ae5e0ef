package dev.dedalus.protocols.deploy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Random;

/** Finds UDP ports free on loopback, for tests that deploy nodes on their own endpoints. */
public final class FreeUdpPorts {
  private FreeUdpPorts() {}

  /**
   * The first of {@code n} consecutive UDP ports free on loopback now, below Linux's ephemeral
   * range (32768 up), where Aeron's senders bind theirs: a port chosen there may be taken by a
   * sender before the node that is to listen on it starts.
   */
  public static int consecutive(int n) {
    Random random = new Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 20_000 + random.nextInt(12_000 - n);
      if (allFree(base, n)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + n + " consecutive free UDP ports on loopback");
  }

  private static boolean allFree(int base, int n) {
    for (int p = base; p < base + n; p++) {
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p))) {
        s.getLocalPort();
      } catch (SocketException taken) {
        return false;
      }
    }
    return true;
  }
}
