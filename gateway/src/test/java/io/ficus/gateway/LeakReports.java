package io.ficus.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Netty's buffer leak reports so tests can fail on them. Installed before any Netty
 * buffer class is loaded; the surefire configuration sets the paranoid level, which tracks every
 * buffer.
 */
public final class LeakReports {

    private static final List<String> reports = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private LeakReports() {
    }

    /** Replaces Netty's leak detector factory with one that records reports. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        reports.add(resourceType + " leaked:" + records);
                        super.reportTracedLeak(resourceType, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        reports.add(resourceType + " leaked");
                        super.reportUntracedLeak(resourceType);
                    }
                };
            }
        });
    }

    /**
     * Makes the collector find unreachable buffers and returns every leak reported so far. Leaks
     * are only noticed when the garbage collector has cleared a tracked buffer and a new buffer is
     * allocated afterwards, so this collects garbage and allocates a few buffers. Reports are
     * returned once.
     */
    public static synchronized List<String> collect() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 100; i++) {
                ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(64);
                buffer.release();
            }
        }
        List<String> found = List.copyOf(reports);
        reports.removeAll(found);
        return found;
    }

    /** The level the detector runs at. */
    public static ResourceLeakDetector.Level level() {
        return ResourceLeakDetector.getLevel();
    }
}
