package io.ficus.core.shared;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The writes a transaction makes to one read-model table, held back and written together: before the transaction
 * commits, or before the table is next read or written otherwise ({@link #flush}), whichever comes first. Dropped when
 * the transaction rolls back. Outside a transaction a write is written at once.
 *
 * <p>Why: a poll of legacy changes stores hundreds of aggregates in a few round trips, and every read model that follows
 * their events wrote one row per event, one statement each. Held back, a table's writes of a whole poll become one
 * multi-row statement per run of like writes ({@link #runs}).
 *
 * <p>The contract for the class that owns the table: every read and every other write of the table calls
 * {@link #flush} first, so nothing in the transaction sees the table without its pending writes. The writes are keyed
 * by the table's name: two instances over the same table share one transaction's pending writes. A transaction begun
 * inside another that has writes pending ({@code REQUIRES_NEW}) writes its own at once, and so does a write that comes
 * while the transaction commits (from another synchronization).
 *
 * @param <W> one write
 */
public final class PendingWrites<W> {

    private final Key key;
    private final Consumer<List<W>> writer;

    /**
     * @param table  the table written (the key of a transaction's pending writes)
     * @param writer writes a list of writes, in their order
     */
    public PendingWrites(String table, Consumer<List<W>> writer) {
        this.key = new Key(table);
        this.writer = writer;
    }

    /** Holds the write back until the transaction commits or the table is next used, or writes it now outside one. */
    @SuppressWarnings("unchecked")
    public void add(W write) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writer.accept(List.of(write));
            return;
        }
        var pending = (Pending<W>) TransactionSynchronizationManager.getResource(key);
        if (pending == null) {
            pending = new Pending<>(key, writer);
            TransactionSynchronizationManager.bindResource(key, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        } else if (pending.committing || !ofCurrentTransaction(pending)) {
            writer.accept(List.of(write));
            return;
        }
        pending.writes.add(write);
    }

    /** Writes what the current transaction holds back for this table, in order: call before any other use of it. */
    public void flush() {
        if (TransactionSynchronizationManager.getResource(key) instanceof Pending<?> pending && ofCurrentTransaction(pending)) {
            pending.write();
        }
    }

    /**
     * Cuts {@code writes} into runs that one multi-row statement each can write with the outcome of writing them one by
     * one: consecutive writes of one kind, no key twice in a run (a multi-row upsert can't touch a row twice).
     */
    public static <W> List<List<W>> runs(List<W> writes, Function<W, ?> kind, Function<W, ?> key) {
        List<List<W>> runs = new ArrayList<>();
        List<W> run = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        for (W write : writes) {
            if (!run.isEmpty() && (!Objects.equals(kind.apply(run.get(0)), kind.apply(write)) || !keys.add(key.apply(write)))) {
                runs.add(run);
                run = new ArrayList<>();
                keys.clear();
                keys.add(key.apply(write));
            } else if (run.isEmpty()) {
                keys.add(key.apply(write));
            }
            run.add(write);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /** Whether {@code pending} belongs to the current transaction, not to one suspended around it. */
    private static boolean ofCurrentTransaction(Pending<?> pending) {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getSynchronizations().contains(pending);
    }

    /** The resource key of a table's pending writes. */
    private record Key(String table) {
    }

    /** A transaction's pending writes to one table, written before it commits (and dropped when it rolls back). */
    private static final class Pending<W> implements TransactionSynchronization {

        private final Key key;
        private final Consumer<List<W>> writer;
        private final List<W> writes = new ArrayList<>();
        /** Past {@link #beforeCommit}: a write that comes now (from another synchronization) is written at once. */
        private boolean committing;

        Pending(Key key, Consumer<List<W>> writer) {
            this.key = key;
            this.writer = writer;
        }

        void write() {
            if (!writes.isEmpty()) {
                List<W> now = List.copyOf(writes);
                writes.clear();
                writer.accept(now);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write();
            committing = true;
        }

        @Override
        public void afterCompletion(int status) {
            writes.clear();
            if (TransactionSynchronizationManager.getResource(key) == this) {
                TransactionSynchronizationManager.unbindResource(key);
            }
        }
    }
}
