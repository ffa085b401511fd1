package io.ficus.gateway.compare;

/**
 * One place where the answers differ.
 *
 * @param path   {@code status}, {@code header:<name>}, {@code body}, or a JSON path such as {@code $.items[2].name}
 * @param legacy the legacy's value there, as compact JSON, or null when absent
 * @param core   the new core's value there, as compact JSON, or null when absent
 */
public record Difference(String path, String legacy, String core) {
}
