package io.ficus.gateway.security;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request comes from, for the lock-out: the connection's peer, or, when the peer is a trusted proxy
 * ({@code ficus.gateway.trusted-proxies}), the right-most {@code X-Forwarded-For} entry that is not itself a trusted
 * proxy. Entries left of it are written by the client and could be varied to escape a lock-out, so they are ignored.
 */
final class ClientAddress {

    private final Pattern trustedProxies;

    ClientAddress(String trustedProxies) {
        this.trustedProxies = trustedProxies == null || trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String address = remote == null ? "unknown"
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        if (trustedProxies == null || !trustedProxies.matcher(address).matches()) {
            return address;
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).trim();
            if (!hop.isEmpty() && !trustedProxies.matcher(hop).matches()) {
                return hop;
            }
        }
        return address;
    }
}
