package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bridge killed while it saves its offsets restarts from the last completed save, never from a truncated file. */
class AtomicFileOffsetBackingStoreTest {

    @TempDir
    Path dir;

    private AtomicFileOffsetBackingStore started(Path file) {
        var store = new AtomicFileOffsetBackingStore();
        store.configure(new StandaloneConfig(Map.of(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, file.toString(),
                WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName(),
                WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName())));
        store.start();
        return store;
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSaveCutShortByAKillLeavesTheOffsetsOfTheLastCompletedSave() throws Exception {
        Path file = dir.resolve("cdc-offsets.dat");
        var store = started(file);
        store.set(Map.of(bytes("[\"engine\",{\"server\":\"legacy\"}]"), bytes("{\"lsn\":100}")), null).get();
        store.set(Map.of(bytes("[\"engine\",{\"server\":\"legacy\"}]"), bytes("{\"lsn\":200}")), null).get();
        store.stop();
        // A kill in the middle of the next save: the scratch file holds half a save, the offset file is untouched.
        Files.write(dir.resolve("cdc-offsets.dat.saving"), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 115});

        var restarted = started(file);
        var offsets = restarted.get(List.of(bytes("[\"engine\",{\"server\":\"legacy\"}]"))).get();
        restarted.stop();

        assertThat(offsets.values()).singleElement()
                .satisfies(v -> assertThat(StandardCharsets.UTF_8.decode(v).toString()).isEqualTo("{\"lsn\":200}"));
        assertThat(file).exists();
    }

    @Test
    void startsEmptyWithoutAnOffsetFile() throws Exception {
        Files.write(dir.resolve("none.dat.saving"), new byte[] {1, 2, 3});

        var store = started(dir.resolve("none.dat"));
        var offsets = store.get(List.of(bytes("[\"engine\",{\"server\":\"legacy\"}]"))).get();
        store.stop();

        assertThat(offsets.values()).allMatch(v -> v == null);
        assertThat(dir.resolve("none.dat")).doesNotExist();
    }
}
