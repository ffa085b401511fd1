package io.ficus.gateway.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

class BodyCaptureTest {

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void copiesBuffersWithoutConsumingThem() {
        BodyCapture capture = new BodyCapture(100);
        DataBuffer first = buffer("hello ");

        capture.append(first);
        capture.append(buffer("world"));

        assertThat(new String(capture.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
        assertThat(first.readableByteCount()).isEqualTo(6);
    }

    @Test
    void stopsAndKeepsNothingPastTheLimit() {
        BodyCapture capture = new BodyCapture(8);

        capture.append(buffer("12345"));
        capture.append(buffer("6789"));
        capture.append(buffer("0"));

        assertThat(capture.overflowed()).isTrue();
        assertThat(capture.bytes()).isEmpty();
    }
}
