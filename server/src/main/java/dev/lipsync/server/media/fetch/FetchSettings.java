package dev.lipsync.server.media.fetch;

import dev.lipsync.server.config.ServerConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The fetcher's settings from the server config:
 * <ul>
 * <li>LIPSYNC_FETCH_ALLOW: comma-separated allow-list of CIDRs, addresses or host names that
 *     may be fetched although internal (default: none)</li>
 * <li>LIPSYNC_FETCH_MAX_BYTES: largest remote file (default 500 MiB)</li>
 * <li>LIPSYNC_FETCH_CONNECT_TIMEOUT_SECONDS (10), LIPSYNC_FETCH_READ_TIMEOUT_SECONDS (30),
 *     LIPSYNC_FETCH_TIMEOUT_SECONDS (600, the whole download), LIPSYNC_FETCH_MAX_REDIRECTS (5)</li>
 * </ul>
 */
public final class FetchSettings {

    private FetchSettings() {
    }

    public static RemoteMediaFetcher fetcher(ServerConfig config) {
        return new RemoteMediaFetcher(policy(config), limits(config));
    }

    static AddressPolicy policy(ServerConfig config) {
        String allow = config.setting("LIPSYNC_FETCH_ALLOW", "");
        List<String> entries = Arrays.stream(allow.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
        return entries.isEmpty() ? AddressPolicy.publicOnly() : AddressPolicy.allowing(entries);
    }

    static FetchLimits limits(ServerConfig config) {
        FetchLimits d = FetchLimits.defaults();
        return new FetchLimits(
                config.nonNegativeSetting("LIPSYNC_FETCH_MAX_BYTES", d.maxBytes()),
                Duration.ofSeconds(config.nonNegativeSetting("LIPSYNC_FETCH_CONNECT_TIMEOUT_SECONDS", d.connectTimeout().toSeconds())),
                Duration.ofSeconds(config.nonNegativeSetting("LIPSYNC_FETCH_READ_TIMEOUT_SECONDS", d.readTimeout().toSeconds())),
                Duration.ofSeconds(config.nonNegativeSetting("LIPSYNC_FETCH_TIMEOUT_SECONDS", d.totalTimeout().toSeconds())),
                (int) config.nonNegativeSetting("LIPSYNC_FETCH_MAX_REDIRECTS", d.maxRedirects()));
    }
}
