package io.ficus.contracts;

import java.time.Instant;

/**
 * Where a legacy change comes from in the legacy database's write-ahead log. Consumers
 * order changes of one entity by {@link #lsn()} and never apply an older one over a newer.
 *
 * @param lsn        log sequence number of the change; for snapshot reads, the position the
 *                   snapshot was taken at, which is older than any change streamed after it
 * @param txId       the legacy transaction id, shared by every change of one transaction
 * @param commitTime when the legacy transaction committed
 * @param snapshot   whether the change was read by the initial snapshot rather than streamed
 */
public record SourcePosition(long lsn, long txId, Instant commitTime, boolean snapshot) {
}
