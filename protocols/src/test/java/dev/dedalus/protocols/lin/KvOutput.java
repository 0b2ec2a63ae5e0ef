package dev.dedalus.protocols.lin;

/**
 * What a key-value command returned, built with the factory for its command: a put returns {@link
 * #ok()}; a get {@link #read(String)} (the value, or null if absent); a cas {@link #cas(boolean)}
 * (whether it set the value). {@code flag} is null for a get, so that "absent" and "cas failed"
 * stay apart; outputs of different commands are never compared.
 */
public record KvOutput(String value, Boolean flag) {
  private static final KvOutput OK = new KvOutput(null, true);

  public static KvOutput ok() {
    return OK;
  }

  public static KvOutput read(String value) {
    return new KvOutput(value, null);
  }

  public static KvOutput cas(boolean swapped) {
    return new KvOutput(null, swapped);
  }

  /** The value of a get ({@code null} if absent), else the flag ({@code true} for a put). */
  @Override
  public String toString() {
    return flag == null ? String.valueOf(value) : flag.toString();
  }
}
