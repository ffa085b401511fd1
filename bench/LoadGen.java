import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small HTTP/1.1 load generator for the Ficus benchmark, run with {@code java LoadGen.java}. Like
 * wrk2 it keeps a fixed set of keep-alive connections and, in rate mode, gives every request an
 * intended start time on a fixed schedule and measures latency from that time, so a server that
 * stalls is charged for the requests that queued behind the stall (no coordinated omission).
 *
 * <ul>
 *   <li>{@code saturate <url> <seconds> <connections>}: closed loop, prints the throughput reached.</li>
 *   <li>{@code rate <url> <requests-per-second> <seconds> <connections> [progress-seconds]}: open loop at a fixed
 *   rate; with {@code progress-seconds}, a {@code progress} line every so many seconds on the requests due in that
 *   window (ending one second ago, so that they had time to complete): how many completed, their throughput, p50, p99
 *   and max latency.</li>
 * </ul>
 * In rate mode the schedule starts with {@code LEAD_IN_SECONDS} (environment, default 1) at the same rate on the same
 * connections that are not counted: the connections are open and this generator's own code compiled when the measured
 * requests start. Without it (0), the first second measures 32 connections opened at once by a cold JVM: on the
 * gateway a backlog that the rest of a 5-second run drains, much of its p99 (bench/README.md). With
 * {@code LATENCY_TIMELINE} (a file), every measured request's intended start and latency.
 * Prints one line of {@code key=value} pairs at the end.
 */
public class LoadGen {

    public static void main(String[] args) throws Exception {
        boolean saturate = args[0].equals("saturate");
        URI uri = URI.create(args[1]);
        int rate = saturate ? 0 : Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[saturate ? 2 : 3]);
        int connections = Integer.parseInt(args[saturate ? 3 : 4]);
        int progress = !saturate && args.length > 5 ? Integer.parseInt(args[5]) : 0;
        byte[] request = ("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImJlbmNoQGV4YW1wbGUuY29tIn0.c2ln"
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        String leadInSetting = System.getenv("LEAD_IN_SECONDS");
        int leadIn = saturate ? 0 : leadInSetting == null || leadInSetting.isEmpty() ? 1 : Integer.parseInt(leadInSetting);
        long leadNanos = TimeUnit.SECONDS.toNanos(leadIn);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50) + leadNanos;
        long startEpochMillis = System.currentTimeMillis() + 50 + leadIn * 1000L;
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        int total = saturate ? Integer.MAX_VALUE : rate * seconds;
        int leading = rate * leadIn; // requests of the lead-in, before the measured ones, not counted
        double interval = saturate ? 0 : 1_000_000_000.0 / rate;
        long[] latencies = new long[saturate ? 0 : total];
        Arrays.fill(latencies, -1);
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();

        Thread[] workers = new Thread[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = new Thread(() -> {
                Connection connection = null;
                while (true) {
                    long index = next.getAndIncrement() - leading;
                    if (index >= total) {
                        break;
                    }
                    long intended = saturate ? System.nanoTime() : start + (long) (index * interval);
                    boolean counted = index >= 0;
                    if (saturate && intended >= end) {
                        break;
                    }
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        if (connection == null) {
                            connection = new Connection(uri.getHost(), uri.getPort());
                        }
                        int status = connection.exchange(request);
                        if (!counted) {
                            continue;
                        }
                        if (status == 200) {
                            ok.incrementAndGet();
                            if (!saturate) {
                                latencies[(int) index] = System.nanoTime() - intended;
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (counted) {
                            errors.incrementAndGet();
                        }
                        if (connection != null) {
                            connection.close();
                        }
                        connection = null;
                    }
                }
                if (connection != null) {
                    connection.close();
                }
            });
            workers[w].start();
        }
        if (progress > 0) {
            Thread reporter = new Thread(() -> report(latencies, start, interval, total, progress));
            reporter.setDaemon(true);
            reporter.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (saturate) {
            System.out.printf("mode=saturate ok=%d errors=%d throughput=%.0f%n", ok.get(), errors.get(), ok.get() / elapsed);
            return;
        }
        String timeline = System.getenv("LATENCY_TIMELINE");
        if (timeline != null && !timeline.isEmpty()) {
            writeTimeline(timeline, latencies, startEpochMillis, interval);
        }
        long[] sorted = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        System.out.printf("mode=rate rate=%d sent=%d ok=%d errors=%d throughput=%.0f p50_ms=%.3f p99_ms=%.3f%n",
                rate, total, ok.get(), errors.get(), ok.get() / elapsed, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /** Every {@code seconds}, one line on the requests due in the window that ended a second ago. */
    private static void report(long[] latencies, long start, double interval, int total, int seconds) {
        int from = 0;
        for (long tick = start + TimeUnit.SECONDS.toNanos(seconds + 1); from < total; tick += TimeUnit.SECONDS.toNanos(seconds)) {
            long wait = tick - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int to = (int) Math.min(total, (tick - TimeUnit.SECONDS.toNanos(1) - start) / interval);
            long[] window = Arrays.stream(latencies, from, Math.max(from, to)).filter(l -> l >= 0).sorted().toArray();
            System.out.printf("progress t=%d due=%d done=%d throughput=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%n",
                    (tick - start) / 1_000_000_000L - 1, to - from, window.length, window.length / (double) seconds,
                    percentile(window, 0.50), percentile(window, 0.99), percentile(window, 1.0));
            System.out.flush();
            from = Math.max(from, to);
        }
    }

    /**
     * Every request's intended start (epoch milliseconds, to line up with JFR and the GC log) and latency, one line
     * each ({@code -1} when it failed), for finding whether slow requests cluster in time.
     */
    private static void writeTimeline(String file, long[] latencies, long startEpochMillis, double interval)
            throws IOException {
        StringBuilder out = new StringBuilder("intended_epoch_ms,latency_ms\n");
        for (int i = 0; i < latencies.length; i++) {
            out.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f%n", startEpochMillis + i * interval / 1e6,
                    latencies[i] < 0 ? -1 : latencies[i] / 1e6));
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(file), out);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** One keep-alive connection that reads responses with a Content-Length or chunked body. */
    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }

        private void skip(long count) throws IOException {
            for (long left = count; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
