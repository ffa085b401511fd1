package io.ficus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

class LeakReportsTest {

    static {
        LeakReports.install();
    }

    @Test
    void reportsABufferThatWasNeverReleased() {
        assertThat(LeakReports.level()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        leakOne();

        assertThat(LeakReports.collect()).isNotEmpty().first().asString().contains("ByteBuf leaked");
    }

    @Test
    void reportsNothingWhenEveryBufferIsReleased() {
        LeakReports.collect();
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(32);
        buffer.writeInt(1);
        buffer.release();

        assertThat(LeakReports.collect()).isEmpty();
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(32);
        leaked.writeInt(42);
    }
}
