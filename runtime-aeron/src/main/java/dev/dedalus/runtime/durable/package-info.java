/**
 * The durable log of a node's {@code @Durable} relations, in a Chronicle Queue:
 * {@link dev.dedalus.runtime.durable.ChronicleDurableLog#open} gives the
 * {@link dev.dedalus.runtime.DurableLog} of one node for a {@link dev.dedalus.runtime.durable.LogSync}
 * level ({@code none}, {@code os}, {@code disk}), and
 * {@link dev.dedalus.runtime.durable.ChronicleDurableLog#nodeDirectory} says where each node keeps it.
 * A log that cannot be used whole and unchanged stops its node with a
 * {@link dev.dedalus.runtime.DurableStateException} naming the file and the problem.
 */
package dev.dedalus.runtime.durable;
