package dev.dedalus.runtime.deploy;

/**
 * A UDP endpoint: a host name or IP address, and a port.
 *
 * @param host a host name, an IPv4 address, or an IPv6 address without brackets
 * @param port from 1 to 65535
 */
public record HostPort(String host, int port) {
  /**
   * Checks the host is not blank and the port is in range.
   *
   * @param host a host name, an IPv4 address, or an IPv6 address without brackets
   * @param port from 1 to 65535
   * @throws IllegalArgumentException if the host is null or blank, or the port is out of range
   */
  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the host must not be empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the port must be from 1 to 65535, got " + port);
    }
  }

  /** {@code host:port} as an Aeron endpoint writes it: an IPv6 address goes in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
