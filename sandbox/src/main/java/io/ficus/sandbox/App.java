package io.ficus.sandbox;

/**
 * One of the five applications: its module, the port it serves and the order it starts in.
 *
 * @param module      Maven module, also the jar's name
 * @param defaultPort the port it listens on in the sandbox and in production
 */
public enum App {
    LEGACY_APP("legacy-app", 8081),
    NEW_CORE("new-core", 8082),
    GATEWAY("gateway", 8080),
    LEGACY_ADAPTER("legacy-adapter", 8084),
    CDC_BRIDGE("cdc-bridge", 8083);

    private final String module;
    private final int defaultPort;

    App(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
