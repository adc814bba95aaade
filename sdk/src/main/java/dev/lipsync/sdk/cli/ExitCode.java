package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.errors.AuthenticationException;
import dev.lipsync.sdk.errors.BadRequestException;
import dev.lipsync.sdk.errors.ChamelaionIoException;
import dev.lipsync.sdk.errors.ChamelaionServiceException;
import dev.lipsync.sdk.errors.InternalServerException;
import dev.lipsync.sdk.errors.NotFoundException;
import dev.lipsync.sdk.errors.RateLimitException;
import dev.lipsync.sdk.errors.TokenLimitException;
import dev.lipsync.sdk.errors.WaitTimeoutException;

/** Exit codes of {@code chamelaion}: stable, so scripts can branch on them. Listed in the README and in --help. */
public final class ExitCode {
    public static final int OK = 0;
    /** Anything unexpected: a bug, or an answer the API does not document. */
    public static final int UNEXPECTED = 1;
    /** Bad arguments or options, no API key configured, an input file that cannot be read. */
    public static final int USAGE = 2;
    /** HTTP 401: the API key or token is missing, malformed or unknown. */
    public static final int AUTHENTICATION = 3;
    /** HTTP 404: no such request for this account. */
    public static final int NOT_FOUND = 4;
    /** HTTP 400, 413 or another 4xx: the server rejected the request as given. */
    public static final int REJECTED = 5;
    /** HTTP 412: the account's token quota is used up. */
    public static final int TOKEN_LIMIT = 6;
    /** HTTP 429 after the retries: rate limited. */
    public static final int RATE_LIMITED = 7;
    /** HTTP 5xx after the retries, or {@code health} not ok. */
    public static final int SERVER_ERROR = 8;
    /** No answer: connection refused or broken, DNS, or a timeout, after the retries. */
    public static final int NETWORK = 9;
    /** The lip sync request finished as {@code failed} (with --wait or --download). */
    public static final int JOB_FAILED = 10;
    /** --wait gave up before the request finished. */
    public static final int WAIT_TIMEOUT = 11;
    /** The output file could not be written. */
    public static final int OUTPUT_FILE = 12;

    static final String HELP_FOOTER = """

            Exit codes:
              0  success                          7  rate limited (429)
              1  unexpected error                 8  server error (5xx) or unhealthy
              2  usage / configuration / input    9  network error or timeout
              3  authentication failed (401)     10  the lip sync request failed
              4  not found (404)                 11  --wait timed out
              5  request rejected (400, 4xx)     12  could not write the output file
              6  token limit reached (412)
            Environment: CHAMELAION_API_KEY, CHAMELAION_BEARER_TOKEN, CHAMELAION_BASE_URL""";

    private ExitCode() {
    }

    static int of(Throwable e) {
        if (e instanceof CliFailure f) {
            return f.exitCode();
        }
        if (e instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (e instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof TokenLimitException) {
            return TOKEN_LIMIT;
        }
        if (e instanceof RateLimitException) {
            return RATE_LIMITED;
        }
        if (e instanceof InternalServerException) {
            return SERVER_ERROR;
        }
        if (e instanceof BadRequestException) {
            return REJECTED;
        }
        if (e instanceof ChamelaionServiceException s) {
            return s.statusCode() >= 400 && s.statusCode() < 500 ? REJECTED : UNEXPECTED;
        }
        if (e instanceof WaitTimeoutException) {
            return WAIT_TIMEOUT;
        }
        if (e instanceof ChamelaionIoException) {
            return NETWORK;
        }
        return UNEXPECTED;
    }

    /** The one line printed for a failure. */
    static String message(Throwable e) {
        if (e instanceof CliFailure f) {
            return f.getMessage();
        }
        if (e instanceof ChamelaionServiceException s) {
            String what = switch (s.statusCode()) {
                case 401 -> "authentication failed";
                case 404 -> "not found";
                case 412 -> "token limit reached";
                case 429 -> "rate limited";
                default -> s.statusCode() >= 500 ? "server error" : "request rejected";
            };
            return what + ": " + s.error().orElse("no details") + " (HTTP " + s.statusCode() + ")";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replaceAll("[\r\n]+", " ");
    }
}
