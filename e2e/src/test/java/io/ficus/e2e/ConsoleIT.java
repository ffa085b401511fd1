package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The migration console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against
 * the real stack: an operator logs in, flips the tickets group to SHADOW with a reason and sees the mode and the audit
 * entry change, opens a genuine mismatch (a title changed in the core's database only) and sees its differing JSON
 * path highlighted in both answers, and finds the flip on the timeline; a viewer sees no flip controls and is refused
 * a flip. A screenshot of each page goes to {@code target/console-screenshots/}. Without a browser the tests fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration UI = Duration.ofSeconds(30);

    static Stack stack;
    static String console;
    static String flipReason;
    static String mismatchRequestId;
    /** The ticket whose title {@link #makeAMismatch()} changed in the core only; put back afterwards. */
    static String plantedTicket;
    WebDriver browser;

    @BeforeAll
    static void startTheStack() throws IOException {
        assertThat(CHROMEDRIVER).as("the console tests need Debian's chromium-driver: apt-get install chromium chromium-driver")
                .isExecutable();
        assertThat(CHROMIUM).as("the console tests need Debian's chromium: apt-get install chromium chromium-driver").isExecutable();
        Files.createDirectories(SCREENSHOTS);
        stack = RunningStack.get();
        console = stack.config().url(App.GATEWAY) + "/ficus/";
    }

    @AfterAll
    static void restoreTheTicketsGroup() {
        if (flipReason != null) {
            var restored = operator().put("/ficus/api/groups/tickets/mode", Map.of("mode", "LEGACY", "reason", "ConsoleIT: done"));
            assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        }
        // The planted difference is drift between the stores: undo it, so that later tests on this stack that wait for
        // zero drift (ConvergenceIT) do not find it.
        if (plantedTicket != null) {
            coreTitle(plantedTicket, "Console shows the legacy title");
        }
    }

    private static void coreTitle(String ticketId, String title) {
        try {
            assertThat(Sql.update(stack.config().coreDb(), "update tickets_ticket set title = ? where id = ?", title,
                    UUID.fromString(ticketId))).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void openABrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1600,1100", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void anOperatorFlipsAGroupWithAReasonAndSeesTheModeAndTheAuditEntryChange() {
        logIn(stack.config().operator().name(), stack.config().operator().password());
        waitFor(By.cssSelector("#group-tickets .route-mode"));
        assertThat(browser.findElement(By.id("who")).getText()).contains("operator");
        assertThat(modeOf("tickets-get")).startsWith("LEGACY");

        flipReason = "ConsoleIT: compare ticket reads " + UUID.randomUUID();
        new Select(browser.findElement(By.id("flip-target"))).selectByValue("group:tickets");
        new Select(browser.findElement(By.id("flip-mode"))).selectByVisibleText("SHADOW");
        browser.findElement(By.id("flip-reason")).sendKeys(flipReason);
        browser.findElement(By.id("flip-submit")).click();
        wait(UI).until(ExpectedConditions.alertIsPresent());
        assertThat(browser.switchTo().alert().getText()).contains("tickets", "SHADOW", flipReason);
        browser.switchTo().alert().accept();

        wait(UI).until(ExpectedConditions.textToBePresentInElementLocated(By.id("flip-result"), "Flipped group tickets to SHADOW"));
        wait(UI).until(d -> modeOf("tickets-get").startsWith("SHADOW") && modeOf("tickets-create").startsWith("SHADOW"));
        String entry = wait(UI).until(d -> d.findElements(By.cssSelector("#audit-table tr.audit-entry")).stream()
                .map(WebElement::getText).filter(text -> text.contains(flipReason)).findFirst().orElse(null));
        assertThat(entry).contains(stack.config().operator().name(), "LEGACY → SHADOW", "tickets");
        screenshot("routes");

        JsonNode audit = operator().get("/ficus/api/audit?limit=100").json();
        assertThat(StreamSupport.stream(audit.spliterator(), false).filter(a -> flipReason.equals(a.get("reason").asString())))
                .as("every route of the group audited with the reason").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(a -> assertThat(a.get("actor").asString()).isEqualTo(stack.config().operator().name()));
    }

    @Test
    @Order(2)
    void aChangeFromTheConsoleSessionWithoutItsCsrfTokenIsRefused() {
        logIn(stack.config().operator().name(), stack.config().operator().password());
        waitFor(By.cssSelector("#group-tickets .route-mode"));
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/ficus/api/groups/users/mode', {method: 'PUT', headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({mode: 'SHADOW', reason: 'no token'})}).then(r => done(r.status));
                """);
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(operator().get("/ficus/api/routes/users-me").json().get("mode").asString()).isEqualTo("LEGACY");
    }

    @Test
    @Order(3)
    void anOperatorOpensAMismatchAndSeesTheDifferingPathHighlighted() {
        assertThat(flipReason).as("the tickets group was flipped to SHADOW by the first test").isNotNull();
        mismatchRequestId = makeAMismatch();
        logIn(stack.config().operator().name(), stack.config().operator().password());
        browser.get(console + "comparisons.html");
        waitFor(By.id("comparison-list"));
        new Select(browser.findElement(By.id("filter-route"))).selectByValue("tickets-get");
        new Select(browser.findElement(By.id("filter-verdict"))).selectByVisibleText("MISMATCH");
        String row = wait(UI).until(d -> d.findElements(By.cssSelector("#comparison-list tr.comparison")).stream()
                .filter(r -> r.getText().contains(mismatchRequestId)).map(r -> r.getAttribute("data-id") + " " + r.getText())
                .findFirst().orElse(null));
        assertThat(row).contains("MISMATCH", "tickets-get");
        String id = row.substring(0, row.indexOf(' '));
        wait(UI).until(d -> {
            d.findElement(By.id("open-" + id)).click();
            return true;
        });

        waitFor(By.id("comparison-detail"));
        assertThat(browser.findElement(By.id("request-id")).getText()).isEqualTo(mismatchRequestId);
        assertThat(browser.findElement(By.cssSelector("#differences .difference-path")).getText()).isEqualTo("$.title");
        WebElement legacyMark = browser.findElement(By.cssSelector("#legacy-body mark.diff"));
        WebElement coreMark = browser.findElement(By.cssSelector("#core-body mark.diff"));
        assertThat(legacyMark.getAttribute("data-path")).isEqualTo("$.title");
        assertThat(legacyMark.getText()).isEqualTo("\"Console shows the legacy title\"");
        assertThat(coreMark.getText()).isEqualTo("\"Changed in the core only\"");
        assertThat(browser.findElements(By.cssSelector("#legacy-body mark.diff"))).as("only the differing path").hasSize(1);
        assertThat(legacyMark.getCssValue("background-color")).isNotEqualTo(browser.findElement(By.id("legacy-body")).getCssValue("background-color"));
        screenshot("comparison");
    }

    @Test
    @Order(4)
    void theFlipIsOnTheTimeline() {
        assertThat(flipReason).as("the tickets group was flipped by the first test").isNotNull();
        logIn(stack.config().operator().name(), stack.config().operator().password());
        browser.get(console + "timeline.html");
        String flip = wait(UI).until(d -> d.findElements(By.cssSelector("#event-table tr.event-flip")).stream()
                .map(WebElement::getText).filter(text -> text.contains(flipReason)).findFirst().orElse(null));
        assertThat(flip).contains("LEGACY → SHADOW", stack.config().operator().name());
        Object flipsOnTheChart = ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart('chart').data.datasets.find(d => d.label === 'flips').data.filter(p => p.text.includes(arguments[0])).length",
                flipReason);
        assertThat(((Number) flipsOnTheChart).intValue()).as("the flip is a point on the chart's time axis").isPositive();
        screenshot("timeline");
    }

    @Test
    @Order(5)
    void theSyncPageShowsLagPerHopAndDriftAndStartsAReconciliation() {
        logIn(stack.config().operator().name(), stack.config().operator().password());
        browser.get(console + "sync.html");
        wait(UI).until(d -> d.findElement(By.id("lag-cdc")).getText().endsWith("ms"));
        assertThat(browser.findElement(By.id("hops")).getText()).contains("cdc-bridge", "legacy-adapter", "new-core");
        browser.findElement(By.id("reconcile")).click();
        wait(UI).until(ExpectedConditions.alertIsPresent());
        browser.switchTo().alert().accept();
        wait(UI).until(ExpectedConditions.textToBePresentInElementLocated(By.id("reconcile-result"), "Started"));
        wait(Duration.ofSeconds(90)).until(d -> d.findElements(By.cssSelector("#run-table .run-state")).stream()
                .anyMatch(state -> state.getText().equals("DONE")));
        screenshot("sync");
    }

    @Test
    @Order(6)
    void aViewerSeesNoFlipControlsAndIsRefusedAFlip() {
        logIn(stack.config().viewer().name(), stack.config().viewer().password());
        waitFor(By.cssSelector("#group-tickets .route-mode"));
        assertThat(browser.findElement(By.id("who")).getText()).contains("viewer");
        assertThat(browser.findElement(By.id("flip-panel")).isDisplayed()).isFalse();
        String before = modeOf("users-me");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Ficus.api('/ficus/api/groups/users/mode', {method: 'PUT', body: {mode: 'SHADOW', reason: 'a viewer tries'}})
                    .then(r => done(r.status));
                """);
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(operator().get("/ficus/api/routes/users-me").json().get("mode").asString()).isEqualTo("LEGACY");
        assertThat(before).startsWith("LEGACY");
        screenshot("routes-viewer");
    }

    @Test
    @Order(7)
    void aWrongPasswordStaysOnTheLoginPage() {
        browser.get(console);
        waitFor(By.id("login"));
        browser.findElement(By.id("username")).sendKeys(stack.config().viewer().name());
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.id("submit")).click();
        wait(UI).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Wrong user name or password"));
        assertThat(browser.getCurrentUrl()).contains("/ficus/login.html");
    }

    private void logIn(String user, String password) {
        browser.get(console);
        waitFor(By.id("login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        waitFor(By.id("who"));
    }

    /** The mode shown for a route; the page re-renders when it changes, so it is read inside a wait. */
    private String modeOf(String route) {
        return wait(UI).until(d -> d.findElement(By.cssSelector("#route-" + route + " .route-mode")).getText());
    }

    private WebElement waitFor(By by) {
        return wait(UI).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ticket whose title is changed in the core's database only, then read through the gateway in SHADOW. */
    private static String makeAMismatch() {
        Http client = new Http(stack.config().url(App.GATEWAY), null).signUp("Console");
        Http legacy = new Http(stack.config().url(App.LEGACY_APP), client.token());
        Http core = new Http(stack.config().url(App.NEW_CORE), client.token());
        String projectId = client.get("/api/projects").json().get(0).get("id").asString();
        var created = client.post("/api/projects/" + projectId + "/tickets", Map.of("title", "Console shows the legacy title",
                "description", "a console test", "assigneeIds", List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var inCore = core.get("/api/tickets/" + id);
            return inCore.status() == 200 && inCore.json().equals(legacy.get("/api/tickets/" + id).json());
        });
        plantedTicket = id;
        coreTitle(id, "Changed in the core only");
        String requestId = "console-mismatch-" + UUID.randomUUID();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.config().url(App.GATEWAY) + "/api/tickets/" + id))
                    .header("Authorization", "Bearer " + client.token()).header("X-Request-Id", requestId).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).as("the client gets the legacy's answer").contains("Console shows the legacy title");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                StreamSupport.stream(operator().get("/ficus/api/comparisons?routeId=tickets-get&verdict=MISMATCH&limit=100").json()
                        .spliterator(), false).anyMatch(c -> requestId.equals(c.get("requestId").asString())));
        return requestId;
    }

    private static Http operator() {
        return Http.operator(stack.config(), App.GATEWAY);
    }
}
