package dev.lipsync.server;

import dev.lipsync.engine.media.NativeMemory;
import dev.lipsync.server.config.ServerConfig;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the server with the settings from the environment (see {@link ServerConfig}) and
 * runs until stopped (SIGTERM / Ctrl-C stop it gracefully).
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        NativeMemory.liftProcessCap(); // before anything loads FFmpeg or OpenCV
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LipsyncServer server = LipsyncServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("Lipsync server listening at " + server.baseUrl()
                + "  (API base URL for SDKs: " + server.baseUrl() + " or " + server.baseUrl() + "/api)");
        if (server.createdInitialKey()) {
            System.out.println("First start: created account 'default'; its API key is in "
                    + config.initialKeyFile() + " (readable only by you).");
        } else {
            System.out.println("Create an API key with: bin/admin create-key --account default --name my-key");
        }
        System.out.flush();
        stopped.await();
    }
}
