/**
 * What the adapter's consumers do when a record fails, and the dead letters.
 *
 * <p>No change is dropped because a server was away. {@link io.ficus.adapter.faults.SyncFailures}
 * reads a failure's cause chain: anything transient (the legacy database or Kafka away, a lost
 * connection, a timeout, a lock timeout, a serialization failure or deadlock) and anything not
 * known to be permanent is retried by Spring Kafka's {@code DefaultErrorHandler} without a limit,
 * with exponential backoff ({@code ficus.adapter.retry-initial-backoff} doubled up to
 * {@code retry-max-backoff}); the partition waits meanwhile, and
 * {@link io.ficus.adapter.faults.ConsumerRetries} shows it (gauge, counter, health). Waiting
 * rather than skipping keeps each entity's changes in order. Only a poison record (unreadable, an
 * unknown code, a constraint that will never hold: {@link io.ficus.adapter.faults.PoisonRecordException})
 * is set aside by {@code DeadLetterPublishingRecoverer} on {@code ticketing.dead-letters}, with
 * the original key and value and headers naming its source topic, partition, offset, consumer
 * group, the error (classes and SQLSTATE, never a message: messages quote values) and its first
 * and last failure; if Kafka does not take the dead letter, the record is tried again.
 *
 * <p>The admin API lists the dead letters (both the adapter's and the core's, one topic) without
 * their values, and replays one to its source topic after its cause was fixed. Replaying is safe
 * to repeat: the core drops a legacy change it already applied (event id, source position) and the
 * adapter a core event it already wrote (aggregate version).
 */
package io.ficus.adapter.faults;
