package dev.lipsync.sdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        ClientOptions o = ClientOptions.builder().build();
        assertEquals("https://api.chamelaion.com/api", o.baseUrl());
        assertEquals(2, o.maxRetries());
        assertEquals(Duration.ofMillis(500), o.initialRetryDelay());
        assertEquals(Duration.ofSeconds(8), o.maxRetryDelay());
        assertEquals(Duration.ofSeconds(10), o.connectTimeout());
        assertEquals(Duration.ofSeconds(60), o.timeout());
        assertFalse(o.hasCredentials());
    }

    @Test
    void theEnvironmentFillsInAndBlankValuesAreIgnored() {
        ClientOptions o = ClientOptions.builder().fromEnv(Map.of("CHAMELAION_API_KEY", " k1 ",
                "CHAMELAION_BEARER_TOKEN", "", "CHAMELAION_BASE_URL", "http://localhost:8080/api/")).build();
        assertEquals("k1", o.apiKey().orElseThrow());
        assertTrue(o.bearerToken().isEmpty());
        assertEquals("http://localhost:8080/api", o.baseUrl(), "trailing slash dropped");
        ClientOptions overridden = o.toBuilder().apiKey("k2").build();
        assertEquals("k2", overridden.apiKey().orElseThrow());
        assertEquals(o.baseUrl(), overridden.baseUrl());
    }

    @Test
    void credentialsNeverShowInToString() {
        String s = ClientOptions.builder().apiKey("chm_live_secret").bearerToken("tok_secret").build().toString();
        assertFalse(s.contains("secret"), s);
    }

    @Test
    void nonsenseIsRejectedAtBuildTime() {
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().baseUrl("ftp://x").build());
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().baseUrl("localhost:8080").build());
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().maxRetries(-1).build());
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().timeout(Duration.ZERO).build());
    }
}
