package io.ficus.adapter.reconcile;

import io.ficus.adapter.reconcile.ReconciliationReport.Mode;
import java.time.Instant;
import java.util.Locale;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.SpringApplication;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line form: {@code java -jar legacy-adapter.jar reconcile [full|incremental]
 * [--since=<instant>] [--repair]} runs one reconciliation, prints its report as JSON and
 * exits with 0 when there is no drift, 3 when there is.
 */
@Component
@ConditionalOnProperty("ficus.adapter.reconcile-and-exit")
class ReconcileCommand implements ApplicationRunner {

    private final Reconciler reconciler;
    private final JsonMapper json;
    private final ApplicationContext context;

    ReconcileCommand(Reconciler reconciler, JsonMapper json, ApplicationContext context) {
        this.reconciler = reconciler;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        String mode = context.getEnvironment().getProperty("ficus.adapter.reconcile-and-exit", "full");
        String since = args.containsOption("since") ? args.getOptionValues("since").get(0) : null;
        var report = reconciler.run(Mode.valueOf(mode.toUpperCase(Locale.ROOT)), since == null ? null : Instant.parse(since),
                args.containsOption("repair"));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        int code = report.drift() == 0 ? 0 : 3;
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
