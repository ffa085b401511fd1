import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Bytes allocated per proxied request by a running gateway, run with {@code java AllocProbe.java}:
 *
 * <pre>AllocProbe &lt;gateway-pid&gt; &lt;idle-seconds&gt; &lt;max-rounds&gt; &lt;tolerance&gt; &lt;min-requests&gt; &lt;command of the load...&gt;</pre>
 *
 * It attaches to the gateway's JVM (its local management agent, started on demand: no JVM flag needed), reads
 * every thread's allocated bytes ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), waits
 * {@code idle-seconds} without load and reads them again (what the gateway allocates with no request: scheduled
 * toggle reloads, heartbeats), then runs the load command (a {@code LoadGen} closed loop, whose {@code ok=} count
 * is the number of requests) in rounds, reading them after each, until two consecutive rounds' event-loop figures
 * differ by less than {@code tolerance}, after at least {@code min-requests} (the JIT has done its work: escape analysis removes much of a cold
 * gateway's allocation) or {@code max-rounds} ran. Per round it prints:
 * <ul>
 *   <li>{@code event_loop_bytes_per_request}: the growth of the event-loop threads ({@code reactor-http-*}, which
 *       run the server, the routing filters and the proxy client) divided by the requests;</li>
 *   <li>{@code all_bytes_per_request}: every thread's growth, less the idle rate times the load's duration,
 *       divided by the requests;</li>
 *   <li>the threads that allocated most, collections during the load, and the gateway's JVM options, so a
 *       figure is never quoted without the settings that produced it.</li>
 * </ul>
 * The figure depends on the code and the JVM options, not on how busy the machine is, except for the idle
 * correction, which is why the event-loop figure is the one to compare.
 */
public class AllocProbe {

    public static void main(String[] args) throws Exception {
        String pid = args[0];
        long idleSeconds = Long.parseLong(args[1]);
        int maxRounds = Integer.parseInt(args[2]);
        double tolerance = Double.parseDouble(args[3]);
        long minRequests = Long.parseLong(args[4]);
        List<String> load = List.of(args).subList(5, args.length);

        VirtualMachine vm = VirtualMachine.attach(pid);
        String address = vm.startLocalManagementAgent();
        vm.detach();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);

            Map<Long, Sample> idleStart = sample(threads);
            long idleNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(idleSeconds);
            Map<Long, Sample> loadStart = sample(threads);
            idleNanos = System.nanoTime() - idleNanos;
            double idleRate = growth(idleStart, loadStart, null) / (idleNanos / 1e9);

            double previous = -1;
            long done = 0;
            for (int round = 1; round <= maxRounds; round++) {
                long[] gcBefore = gcs(server);
                long loadNanos = System.nanoTime();
                Process process = new ProcessBuilder(load).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes()).trim();
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("the load failed: " + output);
                }
                loadNanos = System.nanoTime() - loadNanos;
                Map<Long, Sample> loadEnd = sample(threads);
                long[] gcAfter = gcs(server);

                long requests = Long.parseLong(output.replaceAll("(?s).*\\bok=(\\d+).*", "$1"));
                double eventLoop = (double) growth(loadStart, loadEnd, "reactor-http-") / requests;
                double all = (growth(loadStart, loadEnd, null) - idleRate * (loadNanos / 1e9)) / requests;
                done += requests;
                boolean steady = done >= minRequests && previous > 0 && Math.abs(eventLoop - previous) / previous < tolerance;
                System.out.printf("round=%d requests=%d throughput=%s event_loop_bytes_per_request=%.0f"
                                + " all_bytes_per_request=%.0f idle_bytes_per_second=%.0f gcs=%d gc_millis=%d%s%n",
                        round, requests, output.replaceAll("(?s).*\\bthroughput=(\\d+).*", "$1"), eventLoop, all,
                        idleRate, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], steady ? " steady" : "");
                if (steady || round == maxRounds) {
                    System.out.println("top threads (bytes per request):");
                    List<Map.Entry<String, Long>> byThread = new ArrayList<>(perThread(loadStart, loadEnd).entrySet());
                    byThread.sort(Map.Entry.<String, Long>comparingByValue().reversed());
                    byThread.stream().limit(6).forEach(e -> System.out.printf("  %-40s %10.0f%n", e.getKey(),
                            (double) e.getValue() / requests));
                    if (!steady) {
                        System.out.println("not steady after " + maxRounds + " rounds (JIT still compiling?)");
                    }
                    break;
                }
                previous = eventLoop;
                loadStart = sample(threads);
            }
            System.out.println("jvm: " + String.join(" ", runtime.getInputArguments()));
        }
    }

    private record Sample(String name, long bytes) {}

    private static Map<Long, Sample> sample(ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<Long, Sample> samples = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && bytes[i] >= 0) {
                samples.put(ids[i], new Sample(infos[i].getThreadName(), bytes[i]));
            }
        }
        return samples;
    }

    /** Growth of the threads alive at both samples (a thread started in between counts from zero). */
    private static long growth(Map<Long, Sample> from, Map<Long, Sample> to, String prefix) {
        long total = 0;
        for (var entry : to.entrySet()) {
            Sample end = entry.getValue();
            if (prefix != null && !end.name().startsWith(prefix)) {
                continue;
            }
            Sample start = from.get(entry.getKey());
            total += end.bytes() - (start == null ? 0 : start.bytes());
        }
        return total;
    }

    private static Map<String, Long> perThread(Map<Long, Sample> from, Map<Long, Sample> to) {
        Map<String, Long> result = new HashMap<>();
        for (var entry : to.entrySet()) {
            Sample start = from.get(entry.getKey());
            result.merge(entry.getValue().name(), entry.getValue().bytes() - (start == null ? 0 : start.bytes()), Long::sum);
        }
        return result;
    }

    /** Collections: every collector's count and time, summed. */
    private static long[] gcs(MBeanServerConnection server) throws Exception {
        long count = 0;
        long millis = 0;
        for (ObjectName name : server.queryNames(new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
            GarbageCollectorMXBean gc = ManagementFactory.newPlatformMXBeanProxy(server, name.toString(), GarbageCollectorMXBean.class);
            count += gc.getCollectionCount();
            millis += gc.getCollectionTime();
        }
        return new long[] {count, millis};
    }
}
