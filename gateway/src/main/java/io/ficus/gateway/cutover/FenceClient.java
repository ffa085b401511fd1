package io.ficus.gateway.cutover;

import io.ficus.gateway.GatewayProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of legacy-adapter's sync fence, {@code POST /ficus/api/sync/fence}: it answers 200 once everything the
 * source system committed before the call is applied in the destination, 504 or 409 when it could not within the
 * timeout given. Blocking (a {@link RestClient} on the JDK's HTTP client): call it off the event loop.
 */
final class FenceClient {

    /** The direction of the sync to wait for. */
    enum Direction {
        LEGACY_TO_CORE, CORE_TO_LEGACY;

        /** The sync that must have caught up before the writes move to {@code toOwner} ({@code core} or {@code legacy}). */
        static Direction towards(String toOwner) {
            return "core".equals(toOwner) ? LEGACY_TO_CORE : CORE_TO_LEGACY;
        }
    }

    /** The fence was reached. */
    record Reached(long waitedMillis, String answer) {
    }

    /** The fence was not reached: the adapter said so ({@code status} 409, 504...), or it could not be asked ({@code status} 0). */
    static final class NotReached extends RuntimeException {

        private final int status;

        NotReached(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The adapter's status, or 0 when it could not be reached. */
        int status() {
            return status;
        }
    }

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final int MAX_ANSWER = 500;

    private final RestClient client;
    private final URI url;

    /** @param settings with a fence URL; see {@link #configured(GatewayProperties.Handover)} */
    FenceClient(GatewayProperties.Handover settings) {
        this.url = settings.fenceUrl();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        // the adapter itself answers within the timeout it is given; a little more for the round trip
        requests.setReadTimeout(settings.fenceTimeout().plusSeconds(2));
        RestClient.Builder builder = RestClient.builder().requestFactory(requests).baseUrl(url.toString());
        if (settings.fenceUsername() != null && !settings.fenceUsername().isBlank()) {
            builder.defaultHeaders(h -> h.setBasicAuth(settings.fenceUsername(),
                    settings.fencePassword() == null ? "" : settings.fencePassword(), StandardCharsets.UTF_8));
        }
        this.client = builder.build();
    }

    static boolean configured(GatewayProperties.Handover settings) {
        return settings.fenceUrl() != null && !settings.fenceUrl().toString().isBlank();
    }

    /**
     * Waits until the sync in {@code direction} applied everything committed before this call.
     *
     * @throws NotReached when the adapter answers anything but 2xx, or cannot be reached in time
     */
    Reached fence(Direction direction, Duration timeout) {
        String body = "{\"direction\":\"" + direction.name() + "\",\"timeout\":\"" + timeout + "\"}";
        try {
            String answer = client.post().uri("/ficus/api/sync/fence").contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON).body(body).retrieve().body(String.class);
            return new Reached(waitedMillis(answer), shorten(answer));
        } catch (RestClientResponseException e) {
            throw new NotReached(e.getStatusCode().value(), "the fence answered " + e.getStatusCode().value() + ": "
                    + shorten(e.getResponseBodyAsString()));
        } catch (ResourceAccessException e) {
            throw new NotReached(0, "the fence at " + url + " could not be reached: " + e.getMostSpecificCause());
        }
    }

    private static long waitedMillis(String answer) {
        try {
            JsonNode node = answer == null ? null : json.readTree(answer).get("waitedMillis");
            return node == null || !node.isNumber() ? -1 : node.asLong();
        } catch (JacksonException e) {
            return -1;
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_ANSWER ? text : text.substring(0, MAX_ANSWER) + "...";
    }
}
