package dev.lipsync.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void unsetOrBlankSettingsKeepTheDefaults() {
        EngineConfig none = EngineConfig.from(Map.<String, String>of()::get);
        assertEquals(EngineConfig.DEBIAN_LANDMARK_MODEL, none.landmarkModel());
        assertEquals(2048L << 20, none.faceSpoolBytes());
        assertEquals(2048L << 20, none.frameSpoolBytes());
        EngineConfig blank = EngineConfig.from(Map.of("LIPSYNC_LANDMARK_MODEL", " ", "LIPSYNC_FACE_SPOOL_MB", "",
                "LIPSYNC_FRAME_SPOOL_MB", "  ")::get);
        assertEquals(none, blank);
        assertEquals(none, new EngineConfig(EngineConfig.DEBIAN_LANDMARK_MODEL));
    }

    @Test
    void settingsAreReadByName() {
        EngineConfig c = EngineConfig.from(Map.of("LIPSYNC_LANDMARK_MODEL", "/models/sp68.dat",
                "LIPSYNC_FACE_SPOOL_MB", " 1536 ", "LIPSYNC_FRAME_SPOOL_MB", "100")::get);
        assertEquals(Path.of("/models/sp68.dat"), c.landmarkModel());
        assertEquals(1536L << 20, c.faceSpoolBytes());
        assertEquals(100L << 20, c.frameSpoolBytes());
        assertEquals(0, EngineConfig.from(Map.of("LIPSYNC_FRAME_SPOOL_MB", "0")::get).frameSpoolBytes());
        assertEquals(0, EngineConfig.from(Map.of("LIPSYNC_FACE_SPOOL_MB", "0")::get).faceSpoolBytes());
        assertEquals(7, c.withFaceSpoolBytes(7).faceSpoolBytes());
        assertEquals(new EngineConfig(c.landmarkModel(), 7, 100L << 20), c.withFaceSpoolBytes(7));
        assertEquals(new EngineConfig(c.landmarkModel(), 1536L << 20, 9), c.withFrameSpoolBytes(9));
    }

    @Test
    void aSpoolSizeThatIsNoWholeNumberOfMegabytesIsRefusedByName() {
        for (String name : new String[] {"LIPSYNC_FACE_SPOOL_MB", "LIPSYNC_FRAME_SPOOL_MB"}) {
            for (String bad : new String[] {"-1", "1.5", "lots", "512MB", "99999999999999999"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> EngineConfig.from(Map.of(name, bad)::get), bad);
                assertTrue(e.getMessage().contains(name) && e.getMessage().contains(bad), e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig(EngineConfig.DEBIAN_LANDMARK_MODEL, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig(EngineConfig.DEBIAN_LANDMARK_MODEL, 0, -1));
        assertThrows(NullPointerException.class, () -> new EngineConfig(null, 0, 0));
    }
}
