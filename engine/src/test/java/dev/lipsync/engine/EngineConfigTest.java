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
        assertEquals(512L << 20, none.faceSpoolBytes());
        EngineConfig blank = EngineConfig.from(Map.of("LIPSYNC_LANDMARK_MODEL", " ", "LIPSYNC_FACE_SPOOL_MB", "")::get);
        assertEquals(none, blank);
        assertEquals(none, new EngineConfig(EngineConfig.DEBIAN_LANDMARK_MODEL));
    }

    @Test
    void settingsAreReadByName() {
        EngineConfig c = EngineConfig.from(Map.of("LIPSYNC_LANDMARK_MODEL", "/models/sp68.dat",
                "LIPSYNC_FACE_SPOOL_MB", " 2048 ")::get);
        assertEquals(Path.of("/models/sp68.dat"), c.landmarkModel());
        assertEquals(2048L << 20, c.faceSpoolBytes());
        assertEquals(0, EngineConfig.from(Map.of("LIPSYNC_FACE_SPOOL_MB", "0")::get).faceSpoolBytes());
        assertEquals(7, c.withFaceSpoolBytes(7).faceSpoolBytes());
        assertEquals(c.landmarkModel(), c.withFaceSpoolBytes(7).landmarkModel());
    }

    @Test
    void aSpoolSizeThatIsNoWholeNumberOfMegabytesIsRefusedByName() {
        for (String bad : new String[] {"-1", "1.5", "lots", "512MB", "99999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EngineConfig.from(Map.of("LIPSYNC_FACE_SPOOL_MB", bad)::get), bad);
            assertTrue(e.getMessage().contains("LIPSYNC_FACE_SPOOL_MB") && e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig(EngineConfig.DEBIAN_LANDMARK_MODEL, -1));
        assertThrows(NullPointerException.class, () -> new EngineConfig(null, 0));
    }
}
