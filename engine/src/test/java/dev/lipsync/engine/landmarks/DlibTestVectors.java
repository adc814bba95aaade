package dev.lipsync.engine.landmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The reference faces of shared/testvectors: image, dlib HOG box, dlib's 68 rounded points. */
record DlibTestVectors(Path image, FaceBox box, int[] points) {

    static List<DlibTestVectors> load(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<DlibTestVectors> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("landmarks.jsonl"))) {
            if (line.isBlank()) continue;
            JsonNode frame = json.readTree(line);
            Path image = dir.resolve("frames").resolve(frame.get("image").asText());
            for (JsonNode face : frame.get("faces")) {
                JsonNode b = face.get("box");
                FaceBox box = new FaceBox(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt());
                JsonNode pts = face.get("points");
                int[] p = new int[2 * pts.size()];
                for (int i = 0; i < pts.size(); i++) {
                    p[2 * i] = pts.get(i).get(0).asInt();
                    p[2 * i + 1] = pts.get(i).get(1).asInt();
                }
                out.add(new DlibTestVectors(image, box, p));
            }
        }
        return out;
    }
}
