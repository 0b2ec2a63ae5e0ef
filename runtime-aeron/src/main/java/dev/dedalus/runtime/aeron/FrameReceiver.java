package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.FactConsumer;
import dev.dedalus.runtime.wire.FrameAuthenticator;
import dev.dedalus.runtime.wire.FrameDecoder;
import dev.dedalus.runtime.wire.FrameHeader;
import dev.dedalus.runtime.wire.FrameStatus;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whole (reassembled) frames into delivered facts. Each frame is judged in order: its header
 * is read, its trailer verified, its sender, destination and freshness checked
 * ({@link FrameAuthenticator}), and only then are its facts decoded and validated; a frame failing
 * any step is dropped whole and counted by that step's {@link Counter}. Of a client's frame, only
 * facts of the program's {@code @Input}s are delivered; others are refused and counted. Never throws
 * for bad bytes. Single-threaded.
 */
final class FrameReceiver implements FragmentHandler, FactConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(FrameReceiver.class);

  private final String owner;
  private final FrameHeader frameHeader = new FrameHeader();
  private final FrameAuthenticator authenticator;
  private final FrameDecoder decoder;
  private final FrameSecurity security;
  private final EndpointCounters counters;
  private final FactConsumer consumer;
  private final LogThrottle badFrameLog;
  private final LogThrottle refusedLog;
  /** Whether the frame being delivered is from a client: then only input facts pass. */
  private boolean fromClient;
  private int notClientInput;

  FrameReceiver(String owner, Location self, DedalusProgram program, FrameSecurity security, EndpointCounters counters,
      FactConsumer consumer, EpochClock clock) {
    this.owner = owner;
    this.authenticator = security.newAuthenticator(self);
    this.decoder = new FrameDecoder(program);
    this.security = security;
    this.counters = counters;
    this.consumer = consumer;
    this.badFrameLog = new LogThrottle(clock, 1_000);
    this.refusedLog = new LogThrottle(clock, 1_000);
  }

  @Override
  public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
    FrameStatus status = frameHeader.wrap(buffer, offset, length);
    if (status != FrameStatus.VALID) {
      dropped(Counter.FRAMES_DROPPED_BAD, status, length, header);
      return;
    }
    FrameAuthenticator.Verdict verdict = authenticator.check(frameHeader, buffer, offset, length);
    if (verdict != FrameAuthenticator.Verdict.ACCEPTED) {
      dropped(counterOf(verdict), verdict, length, header);
      return;
    }
    status = decoder.decode(buffer, offset, length);
    if (status != FrameStatus.VALID) {
      dropped(Counter.FRAMES_DROPPED_BAD, status, length, header);
      return;
    }
    authenticator.accepted(frameHeader);
    counters.increment(Counter.FRAMES_RECEIVED);
    counters.add(Counter.FACTS_RECEIVED, decoder.size());
    long sender = frameHeader.sender();
    fromClient = sender >= Topology.FIRST_CLIENT_ID;
    notClientInput = 0;
    int refused = decoder.deliverTo(this);
    if (refused > 0) {
      counters.add(Counter.FACTS_REFUSED, refused);
      counters.add(Counter.FACTS_REFUSED_NOT_CLIENT_INPUT, notClientInput);
      if (refusedLog.allow()) {
        LOG.warn("{}: refused {} facts of a frame from @{}: {} of relations only nodes may send, the rest of relations"
                + " this endpoint does not receive ({} similar messages suppressed)",
            owner, refused, sender, notClientInput, refusedLog.suppressed());
      }
    }
  }

  @Override
  public boolean accept(int relationId, Object fact) {
    if (fromClient && !security.clientMaySend(relationId)) {
      notClientInput++;
      return false;
    }
    return consumer.accept(relationId, fact);
  }

  private static Counter counterOf(FrameAuthenticator.Verdict verdict) {
    return switch (verdict) {
      case UNAUTHENTICATED -> Counter.FRAMES_DROPPED_UNAUTHENTICATED;
      case UNKNOWN_SENDER -> Counter.FRAMES_DROPPED_UNKNOWN_SENDER;
      case MISADDRESSED -> Counter.FRAMES_DROPPED_MISADDRESSED;
      case REPLAYED -> Counter.FRAMES_DROPPED_REPLAYED;
      case ACCEPTED -> throw new IllegalArgumentException("an accepted frame is not dropped");
    };
  }

  /** Counts a dropped frame; logs it (claimed sender and session) unless the throttle says no. */
  private void dropped(Counter counter, Enum<?> reason, int length, Header header) {
    counters.increment(counter);
    if (badFrameLog.allow()) {
      LOG.warn("{}: dropped a frame: {}, {} bytes, session {} ({} similar messages suppressed)",
          owner, reason, length, header == null ? "?" : header.sessionId(), badFrameLog.suppressed());
    }
  }
}
