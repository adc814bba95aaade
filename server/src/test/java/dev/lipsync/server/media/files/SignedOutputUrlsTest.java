package dev.lipsync.server.media.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedOutputUrlsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant NOW = Instant.parse("2026-04-07T10:00:00Z");

    private static SignedOutputUrls at(Instant now) {
        return new SignedOutputUrls("https://media.example.com/", SECRET, Duration.ofHours(24),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String param(URI url, String name) {
        for (String pair : url.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " missing in " + url);
    }

    @Test
    void urlCarriesKeyExpiryAndAVerifiableSignature() {
        URI url = URI.create(at(NOW).urlFor("outputs/abc.mp4").orElseThrow());
        assertEquals("https://media.example.com/v1/files/outputs/abc.mp4", url.getScheme() + "://" + url.getHost()
                + url.getPath());
        assertEquals(Long.toString(NOW.plus(Duration.ofHours(24)).getEpochSecond()), param(url, "expires"));
        assertEquals(SignedOutputUrls.Verdict.VALID,
                at(NOW.plusSeconds(3600)).verify("outputs/abc.mp4", param(url, "expires"), param(url, "sig")));
    }

    @Test
    void expiresAfterTheTtl() {
        URI url = URI.create(at(NOW).urlFor("outputs/abc.mp4").orElseThrow());
        assertEquals(SignedOutputUrls.Verdict.EXPIRED, at(NOW.plus(Duration.ofHours(24)).plusSeconds(1))
                .verify("outputs/abc.mp4", param(url, "expires"), param(url, "sig")));
    }

    @Test
    void refusesTamperedKeyExpiryOrSignature() {
        SignedOutputUrls urls = at(NOW);
        URI url = URI.create(urls.urlFor("outputs/abc.mp4").orElseThrow());
        String expires = param(url, "expires");
        String sig = param(url, "sig");
        assertEquals(SignedOutputUrls.Verdict.BAD_SIGNATURE, urls.verify("outputs/abd.mp4", expires, sig));
        assertEquals(SignedOutputUrls.Verdict.BAD_SIGNATURE,
                urls.verify("outputs/abc.mp4", Long.toString(Long.parseLong(expires) + 86400), sig));
        assertEquals(SignedOutputUrls.Verdict.BAD_SIGNATURE, urls.verify("outputs/abc.mp4", expires, sig + "A"));
        assertEquals(SignedOutputUrls.Verdict.BAD_SIGNATURE, urls.verify("outputs/abc.mp4", expires, null));
        assertEquals(SignedOutputUrls.Verdict.BAD_SIGNATURE, urls.verify("outputs/abc.mp4", "-1", sig));
        SignedOutputUrls otherSecret = new SignedOutputUrls("https://media.example.com", "x".repeat(32).getBytes(),
                Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(SignedOutputUrls.Verdict.BAD_SIGNATURE, otherSecret.verify("outputs/abc.mp4", expires, sig));
    }

    @Test
    void generatedSecretIsKeptPrivateAndReusedAcrossRestarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/url-signing-secret");
        byte[] first = SigningSecret.resolve(null, file);
        byte[] second = SigningSecret.resolve("", file);
        assertEquals(32, first.length);
        assertTrue(Arrays.equals(first, second));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        byte[] configured = SigningSecret.resolve(java.util.Base64.getEncoder().encodeToString(SECRET), file);
        assertNotEquals(Arrays.toString(first), Arrays.toString(configured));
        assertEquals(new String(SECRET), new String(configured));
    }
}
