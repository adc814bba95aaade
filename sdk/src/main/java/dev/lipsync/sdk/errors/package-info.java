/** One exception per HTTP status, plus I/O, timeout, invalid-answer and wait-timeout exceptions; all extend ChamelaionException. */
package dev.lipsync.sdk.errors;
