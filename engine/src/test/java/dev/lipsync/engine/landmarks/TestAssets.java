package dev.lipsync.engine.landmarks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lipsync.engine.EngineConfig;
import dev.lipsync.engine.LipSyncException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Locates /work/shared and the dlib model for tests; skips (never fails) when they are absent. */
public final class TestAssets {
    private TestAssets() {
    }

    public static Path sharedDir() {
        String prop = System.getProperty("lipsync.shared.dir");
        Path dir = prop != null ? Path.of(prop) : Path.of("../../shared");
        assumeTrue(Files.isDirectory(dir), "shared test material not found at " + dir.toAbsolutePath() + "; skipping");
        return dir;
    }

    public static Path sharedFile(String relative) {
        Path p = sharedDir().resolve(relative);
        assumeTrue(Files.exists(p), relative + " not found in shared material; skipping");
        return p;
    }

    public static ShapePredictor model() throws LipSyncException {
        EngineConfig config = EngineConfig.defaults();
        assumeTrue(Files.isRegularFile(config.landmarkModel()),
                "dlib model missing at " + config.landmarkModel() + " (apt-get install libdlib-data); skipping");
        return ShapePredictor.shared(config);
    }

    /** dlib's grey of an RGB PNG: (R + G + B) / 3. */
    public static GrayImage readGrey(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        int w = img.getWidth(), h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return GrayImage.fromInterleaved3(rgb, w, h, 3 * w);
    }
}
