package io.ficus.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of what a request may carry ({@code ficus.web.*}), the same in every application that installs this library.
 *
 * @param maxBodySize the largest request body accepted (1MB by default); a larger one gets 413
 *                    before it is read: at once when its {@code Content-Length} says so, as soon
 *                    as the limit is crossed when it is sent in chunks
 */
@ConfigurationProperties("ficus.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize) {

    public WebProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("ficus.web.max-body-size must be positive, not " + maxBodySize);
        }
    }

    /** The limit as people write it: {@code 1MB}, {@code 512KB}, {@code 1000B}. */
    public String maxBodySizeText() {
        long bytes = maxBodySize.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
    }
}
