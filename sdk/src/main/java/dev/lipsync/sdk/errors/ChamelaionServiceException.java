package dev.lipsync.sdk.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The server answered with a status other than 2xx. Subclasses name the status; all carry
 * the status code, the server's {@code error} string (as the API documents it, e.g.
 * {@code "lipsync request not found"}) and the response headers.
 */
public abstract class ChamelaionServiceException extends ChamelaionException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int statusCode;
    private final String error;
    private final transient HttpHeaders headers;
    private final String body;

    protected ChamelaionServiceException(int statusCode, String error, HttpHeaders headers, String body) {
        super(describe(statusCode, error));
        this.statusCode = statusCode;
        this.error = error;
        this.headers = headers;
        this.body = body;
    }

    /** The HTTP status code, e.g. 404. */
    public int statusCode() {
        return statusCode;
    }

    /** The server's {@code error} string, when the body was the documented {@code {"error": "..."}}. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The raw response body as text (may be empty). */
    public String body() {
        return body;
    }

    /** Builds the exception type that fits the status, reading {@code error} from a JSON body. */
    public static ChamelaionServiceException of(int statusCode, HttpHeaders headers, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String error = errorString(text);
        return switch (statusCode) {
            case 400 -> new BadRequestException(error, headers, text);
            case 401 -> new AuthenticationException(error, headers, text);
            case 404 -> new NotFoundException(error, headers, text);
            case 412 -> new TokenLimitException(error, headers, text);
            case 429 -> new RateLimitException(error, headers, text);
            default -> statusCode >= 500 && statusCode <= 599
                    ? new InternalServerException(statusCode, error, headers, text)
                    : new UnexpectedStatusException(statusCode, error, headers, text);
        };
    }

    private static String errorString(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode error = node == null ? null : node.get("error");
            return error != null && error.isTextual() ? error.asText() : null;
        } catch (Exception notJson) {
            return null; // a proxy's HTML page, say: keep the status, no error string
        }
    }

    private static String describe(int statusCode, String error) {
        return error == null ? "HTTP " + statusCode : "HTTP " + statusCode + ": " + error;
    }
}
