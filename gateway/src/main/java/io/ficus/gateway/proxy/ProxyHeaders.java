package io.ficus.gateway.proxy;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers of a proxied request and of the backend's answer, in one copy each: what Spring Cloud Gateway's
 * {@code ForwardedHeadersFilter}, {@code XForwardedHeadersFilter}, {@code TransferEncodingNormalizationHeadersFilter}
 * and {@code RemoveHopByHopHeadersFilter} (or, without trusted proxies, {@code RemoveForwardedHeadersFilter} and
 * {@code RemoveXForwardedHeadersFilter}) do in turn, each with a whole case-insensitive copy of the headers (44 % of
 * the bytes the gateway allocated per proxied request, gateway/README.md "Performance"). The result is the same,
 * header for header, in the same order: {@code ProxyHeadersTest} runs both on the same requests.
 *
 * <p>For a request, in the order of those filters:
 * <ol>
 * <li>{@code Forwarded}: from a trusted peer, the entries of the request's own {@code Forwarded} headers that have a
 *     trusted {@code for} are kept (others dropped), and one for this hop is added ({@code proto}, {@code host},
 *     {@code for} with the peer's port, and {@code by} when {@code forwarded.by.enabled}); from another peer, or with
 *     {@code forwarded.enabled=false}, every {@code Forwarded} header is dropped and none added;</li>
 * <li>{@code X-Forwarded-For/-Proto/-Prefix/-Port/-Host}: from a trusted peer this hop's value is appended to the
 *     request's own (one comma-separated value); from another peer, or with {@code x-forwarded.enabled=false}, every
 *     {@code X-Forwarded-*} header is dropped;</li>
 * <li>{@code Content-Length} is dropped when the first {@code Transfer-Encoding} is {@code chunked};</li>
 * <li>hop-by-hop headers (the configured set, {@code RemoveHopByHopHeadersFilter#getHeaders()}) and every header the
 *     request's {@code Connection} names are dropped, whichever step added them.</li>
 * </ol>
 * For an answer, only the last step. Which peers are trusted is decided at the edge ({@code EdgeChannelHandler} drops
 * the forwarded headers of untrusted peers), so {@code trusted-proxies} is {@code .*} in application.yml.
 */
public final class ProxyHeaders implements HttpHeadersFilter {

    private static final String FORWARDED = "Forwarded";
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    private static final String X_FORWARDED_PORT = "X-Forwarded-Port";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_PREFIX = "X-Forwarded-Prefix";
    private static final String X_FORWARDED_ = "x-forwarded-";
    private static final AsciiString FORWARDED_NAME = AsciiString.cached(FORWARDED);
    private static final AsciiString X_FORWARDED_FOR_NAME = AsciiString.cached(X_FORWARDED_FOR);
    private static final AsciiString X_FORWARDED_HOST_NAME = AsciiString.cached(X_FORWARDED_HOST);
    private static final AsciiString X_FORWARDED_PORT_NAME = AsciiString.cached(X_FORWARDED_PORT);
    private static final AsciiString X_FORWARDED_PROTO_NAME = AsciiString.cached(X_FORWARDED_PROTO);

    private final Type type;
    private final Set<String> hopByHop;
    private final NameSet hopByHopNames;
    private final @Nullable TrustedProxies trusted;
    /** {@code trusted-proxies} is {@code .*}: every value is trusted, no regular expression to run per request. */
    private final boolean trustsAll;
    private final boolean forwarded;
    private final boolean xForwarded;
    private final boolean forwardedBy;
    private final @Nullable Integer serverPort;

    private ProxyHeaders(Type type, Set<String> hopByHop, @Nullable TrustedProxies trusted, boolean trustsAll,
                         boolean forwarded, boolean xForwarded, boolean forwardedBy, @Nullable Integer serverPort) {
        this.type = type;
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(hopByHop);
        this.hopByHop = names;
        this.hopByHopNames = new NameSet(names);
        this.trusted = trusted;
        this.trustsAll = trusted != null && trustsAll;
        this.forwarded = forwarded && trusted != null;
        this.xForwarded = xForwarded && trusted != null;
        this.forwardedBy = forwardedBy;
        this.serverPort = serverPort;
    }

    /**
     * The request side.
     *
     * @param hopByHop       the hop-by-hop header names to drop (any case)
     * @param trustedProxies Spring Cloud Gateway's {@code trusted-proxies} regular expression; null or empty: no peer
     *                       is trusted, and the forwarded headers are only removed, as Spring Cloud Gateway does then
     * @param forwarded      {@code spring.cloud.gateway.server.webflux.forwarded.enabled}
     * @param xForwarded     {@code spring.cloud.gateway.server.webflux.x-forwarded.enabled}
     * @param forwardedBy    {@code spring.cloud.gateway.server.webflux.forwarded.by.enabled}
     * @param serverPort     {@code server.port}, for {@code by}
     */
    public static ProxyHeaders request(Set<String> hopByHop, @Nullable String trustedProxies, boolean forwarded,
                                       boolean xForwarded, boolean forwardedBy, @Nullable Integer serverPort) {
        TrustedProxies trusted = StringUtils.hasText(trustedProxies) ? TrustedProxies.from(trustedProxies) : null;
        return new ProxyHeaders(Type.REQUEST, hopByHop, trusted, ".*".equals(trustedProxies), forwarded, xForwarded,
                forwardedBy, serverPort);
    }

    /** The response side: hop-by-hop headers and those the answer's {@code Connection} names are dropped. */
    public static ProxyHeaders response(Set<String> hopByHop) {
        return new ProxyHeaders(Type.RESPONSE, hopByHop, null, false, false, false, false, null);
    }

    @Override
    public boolean supports(Type type) {
        return this.type == type;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Set<String> removed = removed(input);
        HttpHeaders updated = new HttpHeaders();
        if (type == Type.RESPONSE) {
            for (Map.Entry<String, List<String>> entry : input.headerSet()) {
                if (!removed.contains(entry.getKey())) {
                    updated.addAll(entry.getKey(), entry.getValue());
                }
            }
            return updated;
        }
        ServerHttpRequest request = exchange.getRequest();
        return forward(input, removed, request.getURI(), request.getRemoteAddress(),
                exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR), exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR));
    }

    /**
     * The request side for a request that did not go through Spring Cloud Gateway's routing ({@link LeanProxy}): no
     * earlier URL, so no {@code X-Forwarded-Prefix}.
     *
     * @param requestUri the request's URL as WebFlux builds it (scheme, host and port are read from it)
     * @param remote     the client's address
     */
    HttpHeaders forward(HttpHeaders input, URI requestUri, @Nullable InetSocketAddress remote) {
        return forward(input, removed(input), requestUri, remote, null, null);
    }

    private HttpHeaders forward(HttpHeaders input, Set<String> removed, URI requestUri,
                                @Nullable InetSocketAddress remote, @Nullable LinkedHashSet<URI> originalUris,
                                @Nullable URI requestUrl) {
        HttpHeaders updated = new HttpHeaders();
        boolean peerTrusted = trusted != null && (remote == null || isTrusted(remote.getHostString()));
        boolean addForwarded = forwarded && peerTrusted;
        boolean addXForwarded = xForwarded && peerTrusted;
        boolean dropLength = isChunked(input);
        for (Map.Entry<String, List<String>> entry : input.headerSet()) {
            String name = entry.getKey();
            if (name.equalsIgnoreCase(FORWARDED) || removed.contains(name)
                    || !addXForwarded && name.regionMatches(true, 0, X_FORWARDED_, 0, X_FORWARDED_.length())
                    || dropLength && name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                continue;
            }
            updated.addAll(name, entry.getValue());
        }
        if (addForwarded && !removed.contains(FORWARDED)) {
            addForwarded(input, updated, requestUri, remote);
        }
        if (addXForwarded) {
            addXForwarded(updated, requestUri, originalUris, requestUrl, remote, removed);
        }
        return updated;
    }

    /** The hop-by-hop names and the options of {@code Connection}; allocates only when {@code Connection} names any. */
    private Set<String> removed(HttpHeaders input) {
        List<String> options = input.getConnection();
        if (options.isEmpty()) {
            return hopByHop;
        }
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(hopByHop);
        for (String option : options) {
            names.add(option.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static boolean isChunked(HttpHeaders input) {
        String transferEncoding = input.getFirst(HttpHeaders.TRANSFER_ENCODING);
        return transferEncoding != null && "chunked".equalsIgnoreCase(transferEncoding.trim())
                && input.containsHeader(HttpHeaders.CONTENT_LENGTH);
    }

    // ---- straight on Netty's headers, for the lean path

    /**
     * The request side from Netty's headers into Netty's headers, for {@link LeanProxy}: the same headers as
     * {@link #forward(HttpHeaders, URI, InetSocketAddress)} gives, without Spring's case-insensitive copies. A request
     * that brings its own {@code Forwarded} or {@code X-Forwarded-*} headers (from a trusted proxy) goes through that
     * method, which merges them.
     */
    void forward(io.netty.handler.codec.http.HttpHeaders input, io.netty.handler.codec.http.HttpHeaders output,
                 URI requestUri, @Nullable InetSocketAddress remote) {
        if (carriesForwarded(input)) {
            HttpHeaders merged = forward(new HttpHeaders(new Netty4HeadersAdapter(input)), requestUri, remote);
            for (Map.Entry<String, List<String>> entry : merged.headerSet()) {
                output.add(entry.getKey(), entry.getValue());
            }
            return;
        }
        NameSet removed = removedNames(input);
        boolean peerTrusted = trusted != null && (remote == null || isTrusted(remote.getHostString()));
        boolean addForwarded = forwarded && peerTrusted;
        boolean addXForwarded = xForwarded && peerTrusted;
        String transferEncoding = input.get(HttpHeaderNames.TRANSFER_ENCODING);
        boolean dropLength = transferEncoding != null && "chunked".equalsIgnoreCase(transferEncoding.trim())
                && input.contains(HttpHeaderNames.CONTENT_LENGTH);
        // Netty's own names and values (AsciiString as decoded): no String made of them, their hash computed once
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = input.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> entry = it.next();
            CharSequence name = entry.getKey();
            if (removed.contains(name) || dropLength && HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
                continue;
            }
            output.add(name, entry.getValue());
        }
        if (addForwarded && !removed.contains(FORWARDED_NAME)) {
            output.add(FORWARDED_NAME, hopForwarded(input.get(HttpHeaderNames.HOST), requestUri, remote));
        }
        if (addXForwarded) {
            String remoteAddress = remote != null && remote.getAddress() != null ? remote.getHostString() : null;
            set(output, X_FORWARDED_FOR_NAME, remoteAddress, removed, true);
            String proto = requestUri.getScheme();
            set(output, X_FORWARDED_PROTO_NAME, proto, removed, false);
            int port = requestUri.getPort();
            set(output, X_FORWARDED_PORT_NAME, String.valueOf(port < 0 ? defaultPort(proto) : port), removed, false);
            String host = port < 0 || port == 80 && "http".equals(proto) || port == 443 && "https".equals(proto)
                    ? requestUri.getHost() : requestUri.getHost() + ":" + port;
            set(output, X_FORWARDED_HOST_NAME, host, removed, false);
        }
    }

    /** The response side from Netty's headers into Netty's headers, for {@link LeanProxy}. */
    void answer(io.netty.handler.codec.http.HttpHeaders input, io.netty.handler.codec.http.HttpHeaders output) {
        NameSet removed = removedNames(input);
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = input.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> entry = it.next();
            if (!removed.contains(entry.getKey())) {
                output.add(entry.getKey(), entry.getValue());
            }
        }
    }

    private static boolean carriesForwarded(io.netty.handler.codec.http.HttpHeaders input) {
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = input.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (FORWARDED_NAME.contentEqualsIgnoreCase(name)
                    || AsciiString.regionMatches(name, true, 0, X_FORWARDED_, 0, X_FORWARDED_.length())) {
                return true;
            }
        }
        return false;
    }

    /** The hop-by-hop names and the options of {@code Connection}; allocates only when it names another header. */
    private NameSet removedNames(io.netty.handler.codec.http.HttpHeaders input) {
        if (!input.contains(HttpHeaderNames.CONNECTION)) {
            return hopByHopNames;
        }
        NameSet names = hopByHopNames;
        for (String value : input.getAll(HttpHeaderNames.CONNECTION)) {
            for (String option : StringUtils.tokenizeToStringArray(value, ",")) {
                names = names.plus(option);
            }
        }
        return names;
    }

    /** This hop's value of an {@code X-Forwarded-*} header when the request had none, as {@link #append} writes it. */
    private void set(io.netty.handler.codec.http.HttpHeaders output, AsciiString name, @Nullable String value,
                     NameSet removed, boolean checkTrust) {
        if (removed.contains(name) || value == null) {
            return;
        }
        output.set(name, !checkTrust || isTrusted(value) ? value : "");
    }

    /**
     * Header names compared without regard to case, straight on Netty's names: a request has a few headers and the
     * set a few names, so a scan that rejects on length first is cheaper than a lower-cased copy and a hash lookup.
     */
    private static final class NameSet {

        private final AsciiString[] names;

        NameSet(Collection<String> names) {
            this.names = names.stream().map(n -> new AsciiString(n.toLowerCase(Locale.ROOT))).distinct()
                    .toArray(AsciiString[]::new);
        }

        boolean contains(CharSequence name) {
            for (AsciiString known : names) {
                if (known.contentEqualsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        /** This set with one more name; itself when it has the name already. */
        NameSet plus(String name) {
            if (contains(name)) {
                return this;
            }
            List<String> more = new ArrayList<>(names.length + 1);
            for (AsciiString known : names) {
                more.add(known.toString());
            }
            more.add(name);
            return new NameSet(more);
        }
    }

    // ---- Forwarded, as ForwardedHeadersFilter writes it

    private void addForwarded(HttpHeaders input, HttpHeaders updated, URI requestUri,
                              @Nullable InetSocketAddress remote) {
        List<String> own = input.get(FORWARDED);
        if (own != null) {
            for (String value : own) {
                for (String element : StringUtils.tokenizeToStringArray(value, ",")) {
                    LinkedCaseInsensitiveMap<String> pairs = pairs(StringUtils.tokenizeToStringArray(element, ";"));
                    if (pairs == null) {
                        continue;
                    }
                    String forValue = pairs.get("for");
                    if (forValue != null && isTrusted(forValue)) {
                        updated.add(FORWARDED, headerValue(pairs));
                    }
                }
            }
        }
        updated.add(FORWARDED, hopForwarded(input.getFirst(HttpHeaders.HOST), requestUri, remote));
    }

    /** This hop's {@code Forwarded} entry. */
    private String hopForwarded(@Nullable String host, URI requestUri, @Nullable InetSocketAddress remote) {
        // a HashMap, as Spring Cloud Gateway's: its iteration order is the order of the parameters in the header
        Map<String, String> hop = new HashMap<>();
        hop.put("proto", quoted(requestUri.getScheme()));
        if (host != null) {
            hop.put("host", quoted(host));
        }
        if (remote != null) {
            String forValue;
            if (remote.isUnresolved()) {
                forValue = remote.getHostName();
            } else {
                InetAddress address = remote.getAddress();
                forValue = address.getHostAddress();
                if (address instanceof Inet6Address) {
                    forValue = "[" + forValue + "]";
                }
            }
            if (isTrusted(forValue)) {
                if (remote.getPort() >= 0) {
                    forValue = forValue + ":" + remote.getPort();
                }
                hop.put("for", quoted(forValue));
            }
        }
        if (forwardedBy) {
            try {
                InetAddress local = InetAddress.getLocalHost();
                String by = local.getHostAddress();
                if (local instanceof Inet6Address) {
                    by = "[" + by + "]";
                }
                if (serverPort != null && serverPort > 0) {
                    by = by + ":" + serverPort;
                }
                hop.put("by", quoted(by));
            } catch (UnknownHostException e) {
                // as Spring Cloud Gateway: no "by" when the local host has no address
            }
        }
        return headerValue(hop);
    }

    private static @Nullable LinkedCaseInsensitiveMap<String> pairs(String[] pairs) {
        if (pairs.length == 0) {
            return null;
        }
        LinkedCaseInsensitiveMap<String> result = new LinkedCaseInsensitiveMap<>();
        for (String element : pairs) {
            String[] split = StringUtils.split(element, "=");
            if (split == null) {
                continue;
            }
            result.put(split[0].trim(), split[1].trim());
        }
        return result;
    }

    private static @Nullable String quoted(@Nullable String value) {
        return value != null && value.contains(":") ? "\"" + value + "\"" : value;
    }

    private static String headerValue(Map<String, String> values) {
        StringBuilder builder = new StringBuilder();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!builder.isEmpty()) {
                builder.append(';');
            }
            builder.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return builder.toString();
    }

    // ---- X-Forwarded-*, as XForwardedHeadersFilter writes them (every part enabled, appending)

    private void addXForwarded(HttpHeaders updated, URI uri, @Nullable LinkedHashSet<URI> originalUris,
                               @Nullable URI requestUri, @Nullable InetSocketAddress remote, Set<String> removed) {
        String remoteAddress = remote != null && remote.getAddress() != null ? remote.getHostString() : null;
        append(updated, X_FORWARDED_FOR, remoteAddress, removed, true);
        String proto = uri.getScheme();
        append(updated, X_FORWARDED_PROTO, proto, removed, false);
        if (originalUris != null && requestUri != null) {
            for (URI originalUri : originalUris) {
                if (originalUri != null && originalUri.getPath() != null) {
                    String originalPath = stripTrailingSlash(originalUri.getPath());
                    String requestPath = stripTrailingSlash(requestUri.getPath());
                    if (requestPath != null && originalPath.endsWith(requestPath)) {
                        String prefix = substringBeforeLast(originalPath, requestPath);
                        if (prefix != null && !prefix.isEmpty() && prefix.length() <= originalUri.getPath().length()) {
                            append(updated, X_FORWARDED_PREFIX, prefix, removed, false);
                        }
                    }
                }
            }
        }
        int port = uri.getPort();
        append(updated, X_FORWARDED_PORT, String.valueOf(port < 0 ? defaultPort(proto) : port), removed, false);
        String host = port < 0 || port == 80 && "http".equals(proto) || port == 443 && "https".equals(proto)
                ? uri.getHost() : uri.getHost() + ":" + port;
        append(updated, X_FORWARDED_HOST, host, removed, false);
    }

    /**
     * Appends this hop's value to the header's (as one comma-separated value, without spaces), as
     * {@code XForwardedHeadersFilter#write} does: with {@code checkTrust}, each earlier value that is not a trusted
     * proxy is dropped.
     */
    private void append(HttpHeaders updated, String name, @Nullable String value, Set<String> removed,
                        boolean checkTrust) {
        if (removed.contains(name)) {
            return;
        }
        List<String> earlier = updated.get(name);
        if (earlier == null && value == null) {
            return;
        }
        StringBuilder joined = new StringBuilder();
        if (earlier != null) {
            for (String v : earlier) {
                if (!checkTrust || isTrusted(v)) {
                    joined.append(joined.isEmpty() ? "" : ",").append(v);
                }
            }
        }
        if (value != null && (!checkTrust || isTrusted(value))) {
            joined.append(joined.isEmpty() ? "" : ",").append(value);
        }
        updated.set(name, joined.toString());
    }

    /**
     * Whether a peer or forwarded value is trusted (call only with trusted proxies configured). With {@code .*} the
     * answer is the regular expression's without running it: {@code .} matches every character but a line terminator.
     */
    private boolean isTrusted(String value) {
        return trustsAll && !hasLineTerminator(value) || trusted.isTrusted(value);
    }

    private static boolean hasLineTerminator(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private static @Nullable String stripTrailingSlash(@Nullable String path) {
        return path != null && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static @Nullable String substringBeforeLast(@Nullable String str, @Nullable String separator) {
        if (str == null || str.isEmpty() || separator == null || separator.isEmpty()) {
            return str;
        }
        int pos = str.lastIndexOf(separator);
        return pos == -1 ? str : str.substring(0, pos);
    }
}
