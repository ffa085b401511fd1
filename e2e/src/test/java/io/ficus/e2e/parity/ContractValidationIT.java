package io.ficus.e2e.parity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract check itself, without any application: it must be able to fail. */
class ContractValidationIT {

    private static final String ID = "0d6f1a52-7a0e-4c43-9a9e-2b8d6b1f1c11";

    private static Session.Exchange me(String body) {
        return new Session.Exchange("me", "GET", "/api/users/me", null, "token", 200, "application/json", body);
    }

    @Test
    void acceptsAResponseMatchingTheDocument() {
        assertThat(ContractValidation.violations("legacy", me("{\"id\":\"" + ID + "\",\"name\":\"Ann\",\"email\":\"a@example.com\"}"))).isEmpty();
    }

    @Test
    void reportsAFieldOfTheWrongType() {
        var report = ContractValidation.violations("core", java.util.List.of(me("{\"id\":\"" + ID + "\",\"name\":5,\"email\":\"a@example.com\"}")));
        assertThat(report).singleElement().asString()
                .startsWith("core GET /api/users/me -> 200 [me]")
                .contains("validation.response.body.schema.type", "/name");
    }

    @Test
    void reportsAnUndocumentedStatusAndAnInvalidSuccessfulRequest() {
        assertThat(ContractValidation.violations("core", new Session.Exchange("x", "GET", "/api/users/me", null, "token", 418, null, null)))
                .anyMatch(m -> m.startsWith("validation.response.status.unknown"));
        assertThat(ContractValidation.violations("core", new Session.Exchange("x", "POST", "/api/login", "{\"email\":1}", null, 200,
                "application/json", "{\"token\":\"t\"}"))).anyMatch(m -> m.startsWith("validation.request.body"));
    }

    @Test
    void skipsWhatIsNotAnOperationOfTheDocument() {
        assertThat(ContractValidation.violations("core", new Session.Exchange("x", "GET", "/api/nothing-here", null, "token", 404, null, null))).isEmpty();
        assertThat(ContractValidation.violations("core", new Session.Exchange("x", "POST", "/api/users/me", "{}", "token", 405, null, null))).isEmpty();
    }
}
