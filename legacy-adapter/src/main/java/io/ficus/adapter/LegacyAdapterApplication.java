package io.ficus.adapter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The anti-corruption layer between the legacy database and the new core. With the first
 * argument {@code reconcile} it runs one reconciliation instead and exits (see
 * {@code ReconcileCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LegacyAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(LegacyAdapterApplication.class, commandLine(args));
    }

    /** {@code reconcile [full|incremental] ...} becomes the properties of a one-shot run without listeners or web server. */
    static String[] commandLine(String[] args) {
        if (args.length == 0 || !"reconcile".equals(args[0])) {
            return args;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        String mode = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.remove(0) : "full";
        rest.add("--ficus.adapter.reconcile-and-exit=" + mode);
        rest.add("--spring.main.web-application-type=none");
        rest.add("--spring.kafka.listener.auto-startup=false");
        return rest.toArray(String[]::new);
    }
}
