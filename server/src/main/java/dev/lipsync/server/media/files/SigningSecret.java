package dev.lipsync.server.media.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret output URLs are signed with: given by the operator (base64, shared by all
 * instances behind one public URL), or generated once and kept in a file only the server's
 * user can read, so URLs stay valid across restarts.
 */
public final class SigningSecret {

    private SigningSecret() {
    }

    /** {@code configured} (base64) when set, else the content of {@code file}, created on first use. */
    public static byte[] resolve(String configured, Path file) throws IOException {
        if (configured != null && !configured.isBlank()) {
            byte[] decoded = Base64.getDecoder().decode(configured.trim());
            if (decoded.length < 32) {
                throw new IllegalArgumentException("the URL signing secret must be at least 32 bytes (base64)");
            }
            return decoded;
        }
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path dir = Files.createDirectories(file.toAbsolutePath().getParent());
            // written whole to a private temporary file, then linked into place: a second
            // instance starting at the same moment sees either no file or the complete one
            Path temp = Files.createTempFile(dir, ".url-signing-secret", ".tmp");
            try {
                Files.writeString(temp, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                // another instance won: use its secret
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
}
