package dev.lipsync.server.media.files;

import dev.lipsync.server.config.ServerConfig;
import dev.lipsync.server.media.storage.MediaStorage;
import dev.lipsync.server.media.storage.OutputUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Output URLs that cannot be guessed or used forever:
 * {@code {public base}/v1/files/{key}?expires={unix seconds}&sig={HMAC-SHA256(secret, key|expires)}}
 * (signature base64url, no padding). Each call signs afresh, so the request's GET always hands
 * out a URL valid for the full {@code ttl}.
 */
public final class SignedOutputUrls implements OutputUrls {

    /** Where the file route lives, below the public base URL. */
    public static final String PATH_PREFIX = "/v1/files/";

    /** The outcome of checking a presented URL. */
    public enum Verdict { VALID, BAD_SIGNATURE, EXPIRED }

    private static final String ALGORITHM = "HmacSHA256";

    private final Supplier<String> publicBaseUrl;
    private final SecretKeySpec secret;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param publicBaseUrl absolute base customers reach the server at, without trailing slash
     * @param secret        at least 32 random bytes, the same on every server instance
     * @param ttl           how long a handed-out URL works
     */
    public SignedOutputUrls(String publicBaseUrl, byte[] secret, Duration ttl, Clock clock) {
        this(() -> publicBaseUrl, secret, ttl, clock);
    }

    /** With the base URL looked up at signing time (it may be known only once the port is bound). */
    public SignedOutputUrls(Supplier<String> publicBaseUrl, byte[] secret, Duration ttl, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the URL signing secret must be at least 32 bytes");
        }
        this.publicBaseUrl = publicBaseUrl;
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * The server's set-up: secret from LIPSYNC_URL_SIGNING_SECRET (base64, 32+ bytes; set the
     * same one on every instance) or generated into {data}/url-signing-secret; lifetime from
     * LIPSYNC_OUTPUT_URL_TTL_SECONDS (default 86400 = 24 h).
     */
    public static SignedOutputUrls forServer(ServerConfig config, Supplier<String> publicBaseUrl) throws IOException {
        byte[] secret = SigningSecret.resolve(config.setting("LIPSYNC_URL_SIGNING_SECRET", null),
                config.dataDir().resolve("url-signing-secret"));
        String ttl = config.setting("LIPSYNC_OUTPUT_URL_TTL_SECONDS", "86400").trim();
        long seconds;
        try {
            seconds = Long.parseLong(ttl);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("LIPSYNC_OUTPUT_URL_TTL_SECONDS must be a positive integer, got '" + ttl + "'");
        }
        return new SignedOutputUrls(publicBaseUrl, secret, Duration.ofSeconds(seconds), Clock.systemUTC());
    }

    @Override
    public Optional<String> urlFor(String outputKey) {
        MediaStorage.checkKey(outputKey);
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String base = publicBaseUrl.get();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return Optional.of(base + PATH_PREFIX + outputKey + "?expires=" + expires
                + "&sig=" + signature(outputKey, expires));
    }

    /** Checks the signature first (a forged URL is refused whatever its expiry), then the expiry. */
    public Verdict verify(String key, String expiresParam, String signatureParam) {
        if (key == null || expiresParam == null || signatureParam == null || !expiresParam.matches("\\d{1,12}")) {
            return Verdict.BAD_SIGNATURE;
        }
        long expires = Long.parseLong(expiresParam);
        byte[] expected = signature(key, expires).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = signatureParam.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) { // constant time
            return Verdict.BAD_SIGNATURE;
        }
        return clock.instant().getEpochSecond() > expires ? Verdict.EXPIRED : Verdict.VALID;
    }

    String signature(String key, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            byte[] digest = mac.doFinal((key + "|" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
