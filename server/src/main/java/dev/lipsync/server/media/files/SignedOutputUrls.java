package dev.lipsync.server.media.files;

import dev.lipsync.server.media.storage.MediaStorage;
import dev.lipsync.server.media.storage.OutputUrls;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
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

    private final String publicBaseUrl;
    private final SecretKeySpec secret;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param publicBaseUrl absolute base customers reach the server at, without trailing slash
     * @param secret        at least 32 random bytes, the same on every server instance
     * @param ttl           how long a handed-out URL works
     */
    public SignedOutputUrls(String publicBaseUrl, byte[] secret, Duration ttl, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the URL signing secret must be at least 32 bytes");
        }
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<String> urlFor(String outputKey) {
        MediaStorage.checkKey(outputKey);
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return Optional.of(publicBaseUrl + PATH_PREFIX + outputKey + "?expires=" + expires
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
