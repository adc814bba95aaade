package dev.lipsync.server.config;

import static org.junit.jupiter.api.Assertions.*;

import dev.lipsync.engine.EngineConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's settings travel with the server's (environment or properties file). */
class ServerConfigEngineSettingsTest {

    @Test
    void theEngineGetsItsSettingsFromTheServersConfig() {
        ServerConfig config = ServerConfig.from(Map.of("LIPSYNC_FACE_SPOOL_MB", "1536",
                "LIPSYNC_FRAME_SPOOL_MB", "4096", "LIPSYNC_LANDMARK_MODEL", "/srv/models/sp68.dat"));
        assertEquals(new EngineConfig(Path.of("/srv/models/sp68.dat"), 1536L << 20, 4096L << 20), config.engineConfig());
        assertEquals(new EngineConfig(EngineConfig.DEBIAN_LANDMARK_MODEL), ServerConfig.from(Map.of()).engineConfig());
    }

    @Test
    void aBadEngineSettingStopsTheStartByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.from(Map.of("LIPSYNC_FACE_SPOOL_MB", "half a gig")));
        assertTrue(e.getMessage().contains("LIPSYNC_FACE_SPOOL_MB"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.from(Map.of("LIPSYNC_FRAME_SPOOL_MB", "2GB")));
        assertTrue(e.getMessage().contains("LIPSYNC_FRAME_SPOOL_MB"), e.getMessage());
    }
}
