package io.ficus.gateway.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition, enough for the few gauges the console reads. */
record PrometheusText(List<Sample> samples) {

    /** One sample: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            try {
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
            } catch (NumberFormatException ignored) {
                // a value such as NaN written differently: not a gauge the console reads
            }
        }
        return new PrometheusText(List.copyOf(samples));
    }

    /** The largest value of a metric over its label sets, or null when it is not published. */
    Double max(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).map(Sample::value)
                .filter(v -> !v.isNaN()).max(Double::compare).orElse(null);
    }

    /** The sum of a metric over its label sets, or null when it is not published. */
    Double sum(String name) {
        List<Double> values = samples.stream().filter(s -> s.name().equals(name)).map(Sample::value)
                .filter(v -> !v.isNaN()).toList();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A metric's values by one label. */
    Map<String, Double> by(String name, String label) {
        Map<String, Double> values = new LinkedHashMap<>();
        samples.stream().filter(s -> s.name().equals(name) && s.labels().containsKey(label))
                .forEach(s -> values.merge(s.labels().get(label), s.value(), Double::sum));
        return values;
    }
}
