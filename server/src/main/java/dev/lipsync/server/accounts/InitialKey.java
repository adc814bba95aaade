package dev.lipsync.server.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;

/**
 * First start: with no account in the database, creates account {@code default} with one key
 * and writes the key to a file only the operator can read (mode 600), never to the log.
 */
public final class InitialKey {

    public static final String ACCOUNT = "default";

    private InitialKey() {
    }

    /** Creates the account and key if there is no account yet; returns whether it did. */
    public static boolean createIfNoAccounts(Accounts accounts, Path keyFile) throws SQLException, IOException {
        if (accounts.hasAnyAccount()) {
            return false;
        }
        Accounts.Account account = accounts.createAccount(ACCOUNT, null);
        Accounts.NewKey key = accounts.createKey(account.id(), "initial");
        writePrivate(keyFile, key.key() + "\n");
        return true;
    }

    static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
