package dev.lipsync.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What an API key looks like: {@code lsk_} followed by 40 base-62 characters (about 238 random
 * bits). The prefix lets secret scanners spot a leaked key; the first {@link #LOOKUP_LENGTH}
 * characters find its row; only the SHA-256 of the whole key is stored. A fast hash is enough
 * because the key is random, not a password.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "lsk_";
    static final int RANDOM_CHARS = 40;
    /** Characters of the key (with the prefix) stored in clear to find its row and name it. */
    public static final int LOOKUP_LENGTH = PREFIX.length() + 12;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern SHAPE = Pattern.compile("lsk_[0-9A-Za-z]{" + RANDOM_CHARS + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    public static String generate() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    public static boolean isWellFormed(String key) {
        return key != null && key.length() == PREFIX.length() + RANDOM_CHARS && SHAPE.matcher(key).matches();
    }

    public static String lookupPrefix(String key) {
        return key.substring(0, LOOKUP_LENGTH);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hashHex(String key) {
        return HexFormat.of().formatHex(hash(key));
    }

    /** Compares a presented key with a stored hash in time independent of where they differ. */
    public static boolean matches(String key, String storedHashHex) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHashHex.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hash(key), stored);
    }
}
