/**
 * The wire format between Dedalus endpoints: a frame carries many facts for one destination,
 * grouped in sections of one relation ({@link dev.dedalus.runtime.wire.FrameFormat}).
 *
 * <ul>
 *   <li>{@link dev.dedalus.runtime.wire.FrameWriter} encodes one frame into a given buffer;
 *   <li>{@link dev.dedalus.runtime.wire.FrameBatcher} is the {@link dev.dedalus.runtime.Outbound} a
 *       stage ticks into: one open frame per destination, full frames handed to a
 *       {@link dev.dedalus.runtime.wire.FrameSink} at once, the rest on {@code flush()};
 *   <li>{@link dev.dedalus.runtime.wire.FrameDecoder} validates a whole frame before any fact is
 *       delivered, and reports why it rejected one ({@link dev.dedalus.runtime.wire.FrameStatus}).
 * </ul>
 *
 * <p>Nothing here knows Aeron, so the deterministic simulator can use the same format.
 */
package dev.dedalus.runtime.wire;
