package dev.dedalus.runtime.aeron;

import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.wire.FactConsumer;
import dev.dedalus.runtime.wire.FrameDecoder;
import dev.dedalus.runtime.wire.FrameStatus;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whole (reassembled) frames into delivered facts: validates each frame completely, then
 * hands its facts to the consumer, or drops and counts it. Never throws for bad bytes.
 * Single-threaded.
 */
final class FrameReceiver implements FragmentHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FrameReceiver.class);

  private final String owner;
  private final FrameDecoder decoder;
  private final EndpointCounters counters;
  private final FactConsumer consumer;
  private final LogThrottle badFrameLog;
  private final LogThrottle refusedLog;

  FrameReceiver(String owner, DedalusProgram program, EndpointCounters counters, FactConsumer consumer, EpochClock clock) {
    this.owner = owner;
    this.decoder = new FrameDecoder(program);
    this.counters = counters;
    this.consumer = consumer;
    this.badFrameLog = new LogThrottle(clock, 1_000);
    this.refusedLog = new LogThrottle(clock, 1_000);
  }

  @Override
  public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
    FrameStatus status = decoder.decode(buffer, offset, length);
    if (status != FrameStatus.VALID) {
      counters.increment(Counter.FRAMES_DROPPED_BAD);
      if (badFrameLog.allow()) {
        LOG.warn("{}: dropped a bad frame: {}, {} bytes, session {} ({} similar messages suppressed)",
            owner, status, length, header == null ? "?" : header.sessionId(), badFrameLog.suppressed());
      }
      return;
    }
    counters.increment(Counter.FRAMES_RECEIVED);
    counters.add(Counter.FACTS_RECEIVED, decoder.size());
    long sender = decoder.senderId();
    int refused = decoder.deliverTo(consumer);
    if (refused > 0) {
      counters.add(Counter.FACTS_REFUSED, refused);
      if (refusedLog.allow()) {
        LOG.warn("{}: refused {} facts of a frame from @{}: relations this endpoint does not receive ({} similar messages suppressed)",
            owner, refused, sender, refusedLog.suppressed());
      }
    }
  }
}
