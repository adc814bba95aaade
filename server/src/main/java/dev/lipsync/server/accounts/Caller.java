package dev.lipsync.server.accounts;

import java.util.UUID;

/** Who is calling: the API key that authenticated the request, and its account. */
public record Caller(UUID accountId, UUID keyId, String keyName) {
}
