package dev.dedalus.runtime.wire;

/** The outcome of decoding a frame: {@link #VALID}, or why the whole frame was rejected. */
public enum FrameStatus {
  /** The frame is well formed; its facts were handed on. */
  VALID,
  /** Shorter than a header, or a section header runs past the end. */
  TRUNCATED,
  /** The frame does not start with {@link FrameFormat#MAGIC}. */
  BAD_MAGIC,
  /** The header's version is not {@link FrameFormat#VERSION}. */
  BAD_VERSION,
  /** The header's flags name no known trailer (see {@link FrameFormat#trailerLength}). */
  BAD_FLAGS,
  /** Not positive, or more sections than the frame has room for. */
  BAD_SECTION_COUNT,
  /** A section's fact count is not positive, or the frame's total exceeds the limit. */
  BAD_FACT_COUNT,
  /** A section's body length is negative or runs past the end of the frame. */
  BAD_LENGTH,
  /** A section names a relation the program does not have. */
  UNKNOWN_RELATION,
  /** A section's schema hash differs from the relation's: the sender runs another version. */
  SCHEMA_MISMATCH,
  /** A fact's bytes do not decode. */
  MALFORMED_FACT,
  /** A section's facts end before its body does. */
  SECTION_NOT_CONSUMED,
  /** Bytes follow the last section. */
  TRAILING_BYTES
}
