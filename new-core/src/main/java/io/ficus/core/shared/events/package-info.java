/**
 * The domain events the modules exchange: past-tense facts, each carrying the changed
 * aggregate's full state (from {@code contracts}) and version, and its {@link io.ficus.core.shared.Origin}.
 * They are the modules' published language; keeping them here lets every module react to every
 * other without the modules depending on each other.
 */
package io.ficus.core.shared.events;
