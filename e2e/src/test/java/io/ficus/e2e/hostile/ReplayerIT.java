package io.ficus.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.e2e.hostile.Attack.Target;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The harness of the hostile-input suite without the stack: the corpus is well formed and names
 * only variables the suite defines, and each kind of misbehaviour of a server (a smuggled second
 * response, a wrong status, silence) is reported by the attack's name with what came back.
 */
class ReplayerIT {

    @Test
    void everyAttackOfTheCorpusIsWellFormedAndUsesOnlyKnownVariables() {
        List<Attack> corpus = Attack.corpus();
        assertThat(corpus).hasSizeGreaterThan(100);
        Map<String, String> scope = new HashMap<>();
        HostileInputIT.VARIABLES.forEach(name -> scope.put(name, "x"));
        scope.put("host", "localhost:1");
        scope.put("requestId", "r");
        scope.put("adminRead", "/x");
        scope.put("created", "c");
        for (Attack attack : corpus) {
            for (Attack.Step step : attack.steps()) {
                assertThat(Replayer.send(step.request(), scope).bytes()).as(attack.name()).isNotNull();
                for (Target target : attack.targets()) {
                    Attack.Expect expect = step.expectFor(target);
                    expect.excludes().forEach(text -> Replayer.expand(text, scope));
                    expect.contains().forEach(text -> Replayer.expand(text, scope));
                }
            }
        }
    }

    @Test
    void anUnknownVariableIsAnError() {
        assertThatThrownBy(() -> Replayer.expand("Bearer ${tokn}", Map.of("token", "t")))
                .hasMessageContaining("${tokn}");
    }

    @Test
    void aSecondResponseOnTheConnectionIsReportedAsASmuggledRequestAnswered() throws Exception {
        String twoAnswers = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        List<String> failures = replayAgainst(twoAnswers, """
                - name: planted-smuggling
                  targets: [gateway]
                  request: {raw: "POST / HTTP/1.1\\r\\nHost: ${host}\\r\\n\\r\\n"}
                  expect: {status: [4xx], single: true, never: [2xx]}
                """);

        assertThat(failures).singleElement().asString()
                .startsWith("planted-smuggling [gateway]: ")
                .contains("a second response on the same connection")
                .contains("a response with status 200")
                .contains("HTTP/1.1 200 OK");
    }

    @Test
    void aWrongStatusIsReportedByNameWithWhatCameBack() throws Exception {
        List<String> failures = replayAgainst("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"a\":\"b\"}", """
                - name: planted-bypass
                  targets: [gateway]
                  request: {method: GET, path: "/ficus;x/api/audit"}
                  expect: {status: [4xx], excludes: ['"a"']}
                """);

        assertThat(failures).singleElement().asString()
                .startsWith("planted-bypass [gateway]: expected [4xx]")
                .contains("a response containing \"a\"")
                .contains("{\"a\":\"b\"}");
    }

    @Test
    void aServerThatClosesWithoutAnswerMatchesClosedAndOneThatStaysSilentDoesNot() throws Exception {
        String attack = """
                - name: planted-slow
                  targets: [gateway]
                  request: {raw: "GET / HTTP/1.1\\r\\nHost: ${host}\\r\\nX-Slow: "}
                  expect: {status: [closed], within: 1s}
                """;
        assertThat(replayAgainst("", attack)).isEmpty();
        assertThat(replayAgainst(null, attack)).singleElement().asString()
                .contains("expected [closed] within 1000 ms").contains("still open");
    }

    /** Replays the attack against a one-connection server that reads the request, writes {@code answer} (null: nothing, and stays open) and closes. */
    private static List<String> replayAgainst(String answer, String yaml) throws Exception {
        List<Map<String, Object>> entries = new Yaml().load(yaml);
        Attack attack = Attack.parse("planted.yaml", entries.get(0));
        try (ServerSocket server = new ServerSocket(0)) {
            Thread thread = new Thread(serve(server, socket -> {
                try {
                    InputStream in = socket.getInputStream();
                    in.read(new byte[8192]);
                    if (answer == null) {
                        in.read();
                        return;
                    }
                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // the client went away
                }
            }));
            thread.start();
            var replayer = new Replayer(Map.of(), Map.of(), Map.of(Target.GATEWAY, server.getLocalPort()));
            List<String> failures = replayer.replay(attack, Target.GATEWAY);
            thread.join(5_000);
            return failures;
        }
    }

    private static Runnable serve(ServerSocket server, Consumer<Socket> handler) {
        return () -> {
            try (Socket socket = server.accept()) {
                handler.accept(socket);
            } catch (IOException e) {
                // closed
            }
        };
    }
}
