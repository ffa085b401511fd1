package io.ficus.cdc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;

/**
 * Kafka Connect's file offset store, with each save replacing the offset file at once: the store rewrites its file
 * in place after every batch (it truncates it, then writes), so a bridge killed in the middle of a save left a
 * truncated file that no restart could read ({@code StreamCorruptedException}), and the bridge stopped streaming for
 * good. Here the store reads and writes a scratch file beside the offset file ({@code <offset-file>.saving}), and every
 * save is moved over the offset file with an atomic rename; at start, the offset file is copied to the scratch file.
 * A kill at any moment leaves the offsets of the last completed save.
 */
public class AtomicFileOffsetBackingStore extends FileOffsetBackingStore {

    private Path target;
    private Path scratch;

    /** As Debezium builds Kafka Connect's file store: keys converted to JSON without schemas. */
    public AtomicFileOffsetBackingStore() {
        super(keyConverter());
    }

    private static JsonConverter keyConverter() {
        var converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        return converter;
    }

    @Override
    public void configure(WorkerConfig config) {
        target = Path.of(config.getString(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG)).toAbsolutePath();
        scratch = target.resolveSibling(target.getFileName() + ".saving");
        super.configure(new StandaloneConfig(Map.of(
                StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, scratch.toString(),
                WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName(),
                WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName())));
    }

    @Override
    public synchronized void start() {
        try {
            if (Files.exists(target)) {
                Files.copy(target, scratch, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(scratch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the offset file " + target, e);
        }
        super.start();
    }

    @Override
    protected void save() {
        super.save();
        try {
            Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the offset file " + target, e);
        }
    }
}
