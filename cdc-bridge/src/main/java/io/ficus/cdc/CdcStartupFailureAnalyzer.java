package io.ficus.cdc;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link CdcStartupException} into Spring Boot's short startup failure report. */
class CdcStartupFailureAnalyzer extends AbstractFailureAnalyzer<CdcStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CdcStartupException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check ficus.cdc.database.* (FICUS_CDC_DATABASE_*) and the legacy PostgreSQL configuration.", cause);
    }
}
