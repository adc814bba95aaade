package dev.lipsync.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.server.LipsyncServer;
import dev.lipsync.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator command in its own process (a separate JVM, as bin/admin runs it) against the
 * embedded H2 file, before the server runs and while it runs.
 */
class AdminCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void worksBeforeAndWhileTheServerRunsOnTheSameH2File() throws Exception {
        assertEquals(0, admin("create-account", "acme", "--token-limit", "600").exitCode);
        Result key1 = admin("create-key", "--account", "acme", "--name", "ci");
        assertEquals(0, key1.exitCode, key1.err);
        assertTrue(ApiKeyFormat.isWellFormed(key1.out.trim()), key1.out);

        Map<String, String> settings = Map.of("LIPSYNC_DATA_DIR", dataDir.toString(), "LIPSYNC_PORT", "0",
                "LIPSYNC_HOST", "127.0.0.1");
        try (LipsyncServer server = LipsyncServer.start(ServerConfig.from(settings))) {
            assertTrue(!server.createdInitialKey(), "an account existed: no initial key");
            assertEquals(200, me(server, key1.out.trim()).statusCode());

            Result key2 = admin("create-key", "--account", "acme", "--name", "second");
            assertEquals(0, key2.exitCode, key2.err);
            HttpResponse<String> me2 = me(server, key2.out.trim());
            assertEquals("{\"name\":\"second\"}", me2.body());

            Result list = admin("list-keys", "--account", "acme");
            assertEquals(0, list.exitCode, list.err);
            assertTrue(list.out.contains(ApiKeyFormat.lookupPrefix(key2.out.trim())), list.out);
            assertTrue(!list.out.contains(key2.out.trim()), "never the key itself");

            assertEquals(0, admin("revoke-key", ApiKeyFormat.lookupPrefix(key2.out.trim())).exitCode);
            Thread.sleep(5_500); // the server caches key lookups for 5 s
            assertEquals(401, me(server, key2.out.trim()).statusCode());

            assertEquals(0, admin("set-quota", "--account", "acme", "--tokens", "0").exitCode);
            assertEquals(true, server.accounts().quotaExhausted(server.accounts().findAccount("acme").orElseThrow().id()));
            Result accounts = admin("list-accounts");
            assertTrue(accounts.out.contains("acme"), accounts.out);
        }
        assertEquals(1, admin("create-key", "--account", "nobody").exitCode);
    }

    /** Help for a subcommand is shown, not refused for the options it requires. */
    @Test
    void everySubcommandHasHelp() throws Exception {
        Result help = admin("create-key", "--help");
        assertEquals(0, help.exitCode, help.err);
        assertTrue(help.out.startsWith("Usage: admin create-key") && help.out.contains("--account"), help.out);
        Result viaHelp = admin("help", "set-quota");
        assertEquals(0, viaHelp.exitCode, viaHelp.err);
        assertTrue(viaHelp.out.startsWith("Usage: admin set-quota"), viaHelp.out);
    }

    @Test
    void firstStartCreatesADefaultKeyInAFileOnlyTheOwnerCanRead() throws Exception {
        Map<String, String> settings = Map.of("LIPSYNC_DATA_DIR", dataDir.toString(), "LIPSYNC_PORT", "0",
                "LIPSYNC_HOST", "127.0.0.1");
        try (LipsyncServer server = LipsyncServer.start(ServerConfig.from(settings))) {
            assertTrue(server.createdInitialKey());
            Path file = dataDir.resolve("initial-api-key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String key = Files.readString(file).trim();
            assertEquals(200, me(server, key).statusCode());
        }
        try (LipsyncServer again = LipsyncServer.start(ServerConfig.from(settings))) {
            assertTrue(!again.createdInitialKey(), "only on the first start");
        }
    }

    private static HttpResponse<String> me(LipsyncServer server, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/users/me"))
                .header("x-api-key", key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result admin(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AdminCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LIPSYNC_DATA_DIR", dataDir.toString());
        Path out = Files.createTempFile(dataDir.getParent(), "admin", ".out");
        Path err = Files.createTempFile(dataDir.getParent(), "admin", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("admin " + String.join(" ", args) + " hung");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
