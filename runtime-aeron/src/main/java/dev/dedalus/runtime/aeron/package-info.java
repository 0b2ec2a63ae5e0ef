/**
 * The Aeron runtime: each node is a {@link dev.dedalus.runtime.aeron.StageAgent} (an Agrona agent)
 * subscribed to its location's channel; senders share one publication per destination
 * ({@link dev.dedalus.runtime.aeron.PublicationRegistry}); where each location listens is a
 * {@link dev.dedalus.runtime.aeron.ChannelMap} (IPC in one process, UDP across hosts).
 *
 * <p>{@link dev.dedalus.runtime.aeron.LocalCluster} runs a whole topology in one JVM on an embedded
 * media driver; {@link dev.dedalus.runtime.aeron.ClientEndpoint}s send inputs and poll outputs.
 * Every endpoint has {@link dev.dedalus.runtime.aeron.EndpointCounters} that other threads may read;
 * a cluster's running nodes publish theirs as Aeron counters in the driver's CnC file (for
 * {@code AeronStat}) and as MBeans ({@link dev.dedalus.runtime.aeron.PublishedNodeCounters}).
 *
 * <p>Flow control: frames Aeron cannot take yet wait in a bounded outbox; while it is full an agent
 * neither polls nor ticks, so a slow consumer slows its producers through Aeron's own
 * back-pressure instead of growing memory or losing facts.
 */
package dev.dedalus.runtime.aeron;
