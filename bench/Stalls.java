import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the slow requests of an open-loop run come from, run with {@code java Stalls.java <timeline.csv> <file.jfr>
 * [slow-ms]}: the timeline is LoadGen's ({@code LATENCY_TIMELINE}: every request's intended start and latency), the
 * recording the gateway's during the same run (GC pauses, safepoints, parks, monitor waits, socket reads, compilations,
 * CPU samples). Prints the latency distribution, whether slow requests recur with the period of a scheduled task
 * (250 ms, 1 s), the episodes of slow requests (consecutive ones) with what the recording saw during each, and the
 * share of slow requests that overlap a GC pause.
 */
public class Stalls {

    record Interval(String kind, String detail, long start, long end) { }

    public static void main(String[] args) throws Exception {
        List<double[]> requests = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isEmpty() || line.startsWith("intended")) {
                continue;
            }
            String[] parts = line.split(",");
            requests.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
        }
        double[] sorted = requests.stream().mapToDouble(r -> r[1]).filter(l -> l >= 0).sorted().toArray();
        double p50 = percentile(sorted, 0.5);
        double p99 = percentile(sorted, 0.99);
        double slowMs = args.length > 2 ? Double.parseDouble(args[2]) : Math.max(2.0, percentile(sorted, 0.98));
        System.out.printf("requests %d: p50 %.3f ms, p90 %.3f, p99 %.3f, p99.9 %.3f, max %.3f; slow = above %.2f ms%n",
                sorted.length, p50, percentile(sorted, 0.9), p99, percentile(sorted, 0.999), percentile(sorted, 1.0), slowMs);

        List<Interval> events = new ArrayList<>();
        Map<String, Long> cpuByThreadGroup = new HashMap<>();
        long cpuSamples = 0;
        List<Double> sampleTimes = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[1]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                cpuSamples++;
                sampleTimes.add((double) event.getStartTime().toEpochMilli());
                RecordedThread thread = event.getThread("sampledThread");
                cpuByThreadGroup.merge(threadGroup(thread == null ? "?" : thread.getJavaName()), 1L, Long::sum);
                continue;
            }
            long start = micros(event.getStartTime());
            long end = micros(event.getEndTime());
            String detail = switch (type) {
                case "jdk.GCPhasePause" -> event.getString("name");
                case "jdk.GarbageCollection" -> event.getString("name") + " " + event.getString("cause");
                case "jdk.ExecuteVMOperation" -> event.getString("operation");
                case "jdk.Compilation" -> "level " + event.getValue("compileLevel");
                default -> thread(event) + " " + topFrames(event);
            };
            events.add(new Interval(type.substring(4), detail, start, end));
        }
        events.sort(Comparator.comparingLong(Interval::start));
        System.out.printf("recording: %d events; CPU samples %d by thread: %s%n", events.size(), cpuSamples,
                cpuByThreadGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> e.getKey() + " " + e.getValue()).toList());
        Map<String, double[]> totals = new HashMap<>();
        for (Interval e : events) {
            double[] t = totals.computeIfAbsent(e.kind() + (e.kind().startsWith("GC") ? " " + e.detail() : ""), k -> new double[3]);
            t[0]++;
            t[1] += (e.end() - e.start()) / 1000.0;
            t[2] = Math.max(t[2], (e.end() - e.start()) / 1000.0);
        }
        totals.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> System.out.printf(
                "  %-45s %6.0f events, %9.1f ms in all, max %7.2f ms%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]));

        // per second of the run: a backlog at the start shows as a first second far above the others
        double first = requests.get(0)[0];
        StringBuilder perSecond = new StringBuilder("p99 ms by second of the run:");
        for (int second = 0; ; second++) {
            final int s0 = second;
            double[] window = requests.stream().filter(r -> (int) ((r[0] - first) / 1000) == s0).mapToDouble(r -> r[1])
                    .filter(l -> l >= 0).sorted().toArray();
            if (window.length == 0) {
                break;
            }
            perSecond.append(String.format(" %d:%.1f", second, percentile(window, 0.99)));
        }
        System.out.println(perSecond);
        double[] afterFirst = requests.stream().filter(r -> r[0] - first >= 1000).mapToDouble(r -> r[1])
                .filter(l -> l >= 0).sorted().toArray();
        System.out.printf("without the first second: p50 %.3f ms, p99 %.3f, max %.3f%n", percentile(afterFirst, 0.5),
                percentile(afterFirst, 0.99), percentile(afterFirst, 1.0));

        // periodicity: slow requests by phase in 250 ms and 1 s (a scheduled task would pile them in one bin)
        for (int period : new int[] {250, 1000}) {
            int bins = 10;
            long[] histogram = new long[bins];
            long[] all = new long[bins];
            for (double[] r : requests) {
                int bin = (int) ((r[0] % period) / period * bins);
                all[bin]++;
                if (r[1] > slowMs || r[1] < 0) {
                    histogram[bin]++;
                }
            }
            System.out.printf("slow requests by phase of %d ms (%d bins): %s%n", period, bins, Arrays.toString(histogram));
        }

        // episodes: slow requests whose intended starts are within 20 ms of each other
        List<double[]> episodes = new ArrayList<>(); // start ms, end ms (start + latency), count, max latency
        double[] current = null;
        for (double[] r : requests) {
            if (!(r[1] > slowMs)) {
                continue;
            }
            if (current != null && r[0] <= current[1] + 20) {
                current[1] = Math.max(current[1], r[0] + r[1]);
                current[2]++;
                current[3] = Math.max(current[3], r[1]);
            } else {
                current = new double[] {r[0], r[0] + r[1], 1, r[1]};
                episodes.add(current);
            }
        }
        double seconds = (requests.get(requests.size() - 1)[0] - requests.get(0)[0]) / 1000;
        System.out.printf("%d episodes of slow requests in %.0f s (%.1f a second)%n", episodes.size(), seconds,
                episodes.size() / seconds);
        int withGc = 0;
        long slowWithGc = 0;
        long slowAll = 0;
        for (double[] ep : episodes) {
            slowAll += (long) ep[2];
            boolean gc = events.stream().anyMatch(e -> e.kind().equals("GCPhasePause")
                    && e.start() / 1000.0 <= ep[1] && e.end() / 1000.0 >= ep[0]);
            if (gc) {
                withGc++;
                slowWithGc += (long) ep[2];
            }
        }
        System.out.printf("episodes overlapping a GC pause: %d of %d (%d of %d slow requests)%n", withGc, episodes.size(),
                slowWithGc, slowAll);
        episodes.sort(Comparator.comparingDouble((double[] ep) -> -ep[3]));
        double origin = requests.get(0)[0];
        for (double[] ep : episodes.subList(0, Math.min(12, episodes.size()))) {
            System.out.printf("episode at +%.3f s (%s): %d slow, max %.1f ms, spans %.1f ms%n", (ep[0] - origin) / 1000,
                    Instant.ofEpochMilli((long) ep[0]), (long) ep[2], ep[3], ep[1] - ep[0]);
            List<Interval> overlapping = events.stream().filter(e -> e.start() / 1000.0 <= ep[1] && e.end() / 1000.0 >= ep[0] - 5)
                    .toList();
            double compiling = overlapping.stream().filter(e -> e.kind().equals("Compilation"))
                    .mapToDouble(e -> (Math.min(e.end() / 1000.0, ep[1]) - Math.max(e.start() / 1000.0, ep[0])))
                    .filter(d -> d > 0).sum();
            long samples = sampleTimes.stream().filter(t -> t >= ep[0] && t <= ep[1]).count();
            System.out.printf("    JIT compiling %.0f ms of the episode's %.0f ms; gateway CPU samples %.1f per 100 ms (run average %.1f)%n",
                    compiling, ep[1] - ep[0], samples / Math.max(1, (ep[1] - ep[0]) / 100),
                    sampleTimes.size() / Math.max(1, seconds * 10));
            overlapping.stream()
                    .filter(e -> !e.kind().equals("GarbageCollection") && !(e.kind().equals("ThreadPark")
                            && (e.end() - e.start()) / 1000.0 > ep[1] - ep[0] + 5))
                    .limit(12)
                    .forEach(e -> System.out.printf("    %+8.1f ms %7.2f ms %-20s %s%n", e.start() / 1000.0 - ep[0],
                            (e.end() - e.start()) / 1000.0, e.kind(), e.detail()));
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    private static String thread(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        return thread == null ? "?" : thread.getJavaName();
    }

    private static String threadGroup(String name) {
        return name.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-N-");
    }

    private static String topFrames(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        int n = 0;
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String name = frame.getMethod().getType().getName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
                continue;
            }
            s.append(n == 0 ? "" : " < ").append(name.substring(name.lastIndexOf('.') + 1)).append('.')
                    .append(frame.getMethod().getName());
            if (++n == 3) {
                break;
            }
        }
        return s.toString();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
