package dev.lipsync.engine.compose;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipsync.engine.landmarks.Landmarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/** Real frames and their C++-dlib landmarks from ../shared/testvectors (tests skip when absent). */
final class ReferenceFrames {
    private ReferenceFrames() {}

    static Path dir() {
        Path shared = Path.of(System.getProperty("lipsync.shared.dir", "../../shared"));
        Path tv = shared.resolve("testvectors");
        assumeTrue(Files.isRegularFile(tv.resolve("landmarks.jsonl")),
                "shared test vectors absent at " + tv.toAbsolutePath() + ": skipping real-frame test");
        return tv;
    }

    static Mat frame(String name) {
        Mat m = imread(dir().resolve("frames").resolve(name).toString());
        assumeTrue(!m.empty(), "cannot read frame " + name);
        return m;
    }

    static Landmarks landmarks(String name) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir().resolve("landmarks.jsonl"))) {
            JsonNode node = json.readTree(line);
            if (node.get("image").asText().equals(name)) {
                JsonNode pts = node.get("faces").get(0).get("points");
                float[] xy = new float[136];
                for (int i = 0; i < 68; i++) {
                    xy[2 * i] = (float) pts.get(i).get(0).asDouble();
                    xy[2 * i + 1] = (float) pts.get(i).get(1).asDouble();
                }
                return new Landmarks(xy);
            }
        }
        throw new IllegalArgumentException("no landmarks for " + name);
    }
}
