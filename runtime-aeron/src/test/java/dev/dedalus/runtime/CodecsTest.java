package dev.dedalus.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Locations and strings round trip, and a string's computed length is exactly what is written. */
class CodecsTest {
  private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
  private final DecodeCursor cursor = new DecodeCursor();

  @Test
  void locationsRoundTripEqual() {
    long[] ids = {0, 1, -1, 7, Topology.FIRST_CLIENT_ID, Topology.FIRST_CLIENT_ID + 63, Long.MIN_VALUE, Long.MAX_VALUE};
    int end = 0;
    for (long id : ids) {
      end = Codecs.writeLocation(buffer, end, new Location(id));
    }
    for (int pass = 0; pass < 2; pass++) { // the second pass reads cached locations
      cursor.reset(0, end);
      for (long id : ids) {
        assertThat(Codecs.readLocation(buffer, cursor)).isEqualTo(new Location(id));
      }
    }
  }

  @Test
  void nonAsciiStringsHaveTheirUtf8LengthAndRoundTrip() {
    String[] strings = {"", "abc", "\u007f", "\u0080", "é", "Zürich", "\u07ff", "\u0800", "✓", "€100", "\uffff",
        "😀", "a😀b", "Stimme für Zürich, öffentlich ✓ 42", "日本語のテキスト", "𝄞 clef"};
    for (String s : strings) {
      assertRoundTrip(s);
    }
  }

  @Test
  void unpairedSurrogatesCountAndWriteAsGetBytesDoes() {
    // String.getBytes(UTF_8) writes '?' for an unpaired surrogate; so must the codec.
    for (String s : new String[] {"\ud83d", "x\ud83d", "\ude00x", "\ude00\ud83d", "\ud83d\ud83d\ude00", "a\udfffb"}) {
      assertRoundTrip(s);
    }
  }

  @Test
  void randomStringsOfAnyCharsMatchGetBytes() {
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 20_000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int c = 0; c < chars.length; c++) {
        int kind = random.nextInt(4);
        chars[c] = (char) switch (kind) {
          case 0 -> random.nextInt(0x80);
          case 1 -> random.nextInt(0x800);
          case 2 -> 0xd800 + random.nextInt(0x800); // surrogates, paired or not
          default -> random.nextInt(0x10000);
        };
      }
      assertRoundTrip(new String(chars));
    }
  }

  private void assertRoundTrip(String s) {
    byte[] expected = s.getBytes(StandardCharsets.UTF_8);
    assertThat(Codecs.stringLength(s)).isEqualTo(Integer.BYTES + expected.length);
    int end = Codecs.writeString(buffer, 8, s);
    assertThat(end).isEqualTo(8 + Codecs.stringLength(s));
    byte[] written = new byte[expected.length];
    buffer.getBytes(8 + Integer.BYTES, written);
    assertThat(written).isEqualTo(expected);
    cursor.reset(8, end);
    assertThat(Codecs.readString(buffer, cursor)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    assertThat(cursor.position()).isEqualTo(end);
  }
}
