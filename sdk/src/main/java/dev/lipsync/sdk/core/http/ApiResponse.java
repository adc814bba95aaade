package dev.lipsync.sdk.core.http;

import java.net.http.HttpHeaders;

/** A 2xx answer: status, headers and the whole (small, JSON) body. */
public record ApiResponse(int statusCode, HttpHeaders headers, byte[] body) {
}
