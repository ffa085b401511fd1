import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the gateway under load, run with {@code java JfrTop.java <file.jfr> [rows] [depth]}:
 * where the allocated bytes go ({@code jdk.ObjectAllocationInNewTLAB}/{@code OutsideTLAB} when recorded, else
 * {@code jdk.ObjectAllocationSample}, weighted by the bytes each event stands for)
 * by allocated class and by allocation site (the innermost frames outside the JDK's collections, strings and
 * reflection, so a {@code HashMap} allocated by a Spring filter is charged to that filter), and where the CPU
 * samples land ({@code jdk.ExecutionSample}, by top frame and by the first frame of Ficus, Spring, Reactor or
 * Netty code). Shares are of all allocation samples / all CPU samples of the recording.
 */
public class JfrTop {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        int depth = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Map<String, Long> byClass = new HashMap<>();
        Map<String, Long> bySite = new HashMap<>();
        Map<String, Long> tlabByClass = new HashMap<>();
        Map<String, Long> tlabBySite = new HashMap<>();
        long tlabAllocated = 0;
        Map<String, Long> cpuTop = new HashMap<>();
        Map<String, Long> cpuCode = new HashMap<>();
        long allocated = 0;
        long cpuSamples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocated += weight;
                byClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                bySite.merge(site(event.getStackTrace(), depth), weight, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationInNewTLAB") || type.equals("jdk.ObjectAllocationOutsideTLAB")) {
                long weight = event.getLong(type.endsWith("InNewTLAB") ? "tlabSize" : "allocationSize");
                tlabAllocated += weight;
                tlabByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                tlabBySite.merge(site(event.getStackTrace(), depth), weight, Long::sum);
            } else if (type.equals("jdk.ExecutionSample")) {
                cpuSamples++;
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                cpuTop.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
                cpuCode.merge(firstOwnFrame(stack), 1L, Long::sum);
            }
        }
        if (tlabAllocated > 0) {
            // new-TLAB events: with small fixed TLABs (-XX:TLABSize=2k -XX:-ResizeTLAB) every ~2 KB allocated is one
            // event, charged to the allocation that needed the new TLAB: many more events than samples, less noise
            System.out.printf("new TLABs and allocations outside them: %,d bytes; %,d CPU samples%n", tlabAllocated, cpuSamples);
            print("allocated class (TLAB events)", tlabByClass, tlabAllocated, rows);
            print("allocation site (TLAB events)", tlabBySite, tlabAllocated, rows);
        } else {
            System.out.printf("allocation samples stand for %,d bytes; %,d CPU samples%n", allocated, cpuSamples);
            print("allocated class", byClass, allocated, rows);
            print("allocation site", bySite, allocated, rows);
        }
        print("CPU, top frame", cpuTop, cpuSamples, rows);
        print("CPU, first Ficus/Spring/Reactor/Netty frame", cpuCode, cpuSamples, rows);
    }

    private static void print(String title, Map<String, Long> counts, long total, int rows) {
        System.out.println();
        System.out.println("== " + title);
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (var entry : sorted.subList(0, Math.min(rows, sorted.size()))) {
            System.out.printf("%6.2f%%  %s%n", 100.0 * entry.getValue() / Math.max(1, total), entry.getKey());
        }
    }

    /** The innermost {@code depth} frames that are not JDK plumbing, innermost first. */
    private static String site(RecordedStackTrace stack, int depth) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        List<String> frames = new ArrayList<>();
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (frames.isEmpty() && plumbing(type)) {
                continue;
            }
            frames.add(frame(frame));
            if (frames.size() == depth) {
                break;
            }
        }
        return frames.isEmpty() ? frame(stack.getFrames().get(0)) : String.join(" <- ", frames);
    }

    private static boolean plumbing(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
    }

    private static String firstOwnFrame(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.ficus.") || type.startsWith("org.springframework.") || type.startsWith("reactor.")
                    || type.startsWith("io.netty.")) {
                return frame(frame);
            }
        }
        return frame(stack.getFrames().get(0));
    }

    private static String frame(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
    }
}
