package dev.lipsync.engine.rewrite;

import dev.lipsync.engine.face.IdentityPatch;
import dev.lipsync.engine.face.LowerFaceLook;
import dev.lipsync.engine.face.TrackedFace;
import dev.lipsync.engine.face.UnderChinPatch;
import dev.lipsync.engine.landmarks.FaceBox;
import dev.lipsync.engine.landmarks.Landmarks;
import dev.lipsync.engine.mouth.MouthShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What pass 1 learnt, compactly: per source frame whether a shot starts there and, per face,
 * its track id, box, smoothed landmarks (136 floats) and the inner-lip opening of its raw
 * landmarks (the speaker stage correlates fast lip movement, which smoothing blunts).
 * About 1.1 kB per face and frame (half of it the {@link UnderChinPatch}): 10 minutes of one face
 * at 30 fps is about 20 MB.
 */
final class FaceLog {

    /** One face in one frame. */
    record Face(int trackId, int[] box, float[] landmarks, float rawOpening, byte[] underChin) {
        /** A face without its {@link UnderChinPatch} (its neck then moves with its head in a composite). */
        Face(int trackId, int[] box, float[] landmarks, float rawOpening) {
            this(trackId, box, landmarks, rawOpening, null);
        }

        Landmarks toLandmarks() {
            return new Landmarks(landmarks);
        }

        FaceBox faceBox() {
            return new FaceBox(box[0], box[1], box[2], box[3]);
        }
    }

    private static final Face[] NONE = new Face[0];
    private final List<Face[]> frames = new ArrayList<>();
    private final List<Boolean> cuts = new ArrayList<>();
    /** Per frame, each face's look (in the order of its faces), or null. */
    private final List<int[][]> looks = new ArrayList<>();
    /** Per track, the mean of its sampled {@link IdentityPatch}es (what tells persons apart). */
    private final Map<Integer, IdentityPatch.Mean> identities = new HashMap<>();

    /**
     * The next frame: whether a shot starts there, its faces, each face's {@link LowerFaceLook}
     * (null: none; looks are kept until {@link #dropOccluded}) and each face's {@link UnderChinPatch}.
     */
    void add(boolean cut, List<TrackedFace> faces, List<int[]> faceLooks, List<byte[]> underChins) {
        Face[] row = faces.isEmpty() ? NONE : new Face[faces.size()];
        for (int i = 0; i < row.length; i++) {
            TrackedFace f = faces.get(i);
            FaceBox b = f.box();
            row[i] = new Face(f.trackId(), new int[] {b.left(), b.top(), b.right(), b.bottom()},
                    f.landmarks().toArray(), (float) MouthShape.measure(f.rawLandmarks()).opening(),
                    underChins.get(i));
        }
        frames.add(row);
        looks.add(faceLooks == null || faceLooks.isEmpty() ? null : faceLooks.toArray(int[][]::new));
        cuts.add(cut);
    }

    /** A frame of faces already in log form (tests). */
    void add(boolean cut, Face... faces) {
        frames.add(faces.length == 0 ? NONE : faces.clone());
        looks.add(null);
        cuts.add(cut);
    }

    /**
     * Leaves out every face in a frame where something is in front of its mouth ({@link
     * Occlusions}, judged per track on its looks), so that it neither gets nor lends a mouth. Once
     * all frames are in; the looks are not needed after this and go.
     */
    void dropOccluded() {
        Map<Integer, boolean[]> occluded = new HashMap<>();
        for (int trackId : trackIds()) {
            int[][] trackLooks = new int[frames.size()][];
            for (int t = 0; t < frames.size(); t++) {
                int i = indexOf(frames.get(t), trackId);
                trackLooks[t] = i < 0 || looks.get(t) == null ? null : looks.get(t)[i];
            }
            occluded.put(trackId, Occlusions.of(trackLooks));
        }
        for (int t = 0; t < frames.size(); t++) {
            int frame = t;
            Face[] kept = Arrays.stream(frames.get(t)).filter(f -> !occluded.get(f.trackId())[frame])
                    .toArray(Face[]::new);
            frames.set(t, kept.length == 0 ? NONE : kept);
        }
        Collections.fill(looks, null);
    }

    private static int indexOf(Face[] row, int trackId) {
        for (int i = 0; i < row.length; i++) {
            if (row[i].trackId() == trackId) {
                return i;
            }
        }
        return -1;
    }

    /** Adds one of the track's identity patches to its mean. */
    void addIdentity(int trackId, float[] patch) {
        identities.computeIfAbsent(trackId, id -> new IdentityPatch.Mean()).add(patch);
    }

    /** The track's mean identity patch and how many patches it averages, or null without any. */
    IdentityPatch.Mean identity(int trackId) {
        return identities.get(trackId);
    }

    int frameCount() {
        return frames.size();
    }

    Face[] faces(int frame) {
        return frame < frames.size() ? frames.get(frame) : NONE;
    }

    boolean cut(int frame) {
        return cuts.get(frame);
    }

    /** First frame of each shot (frame 0 included when the log is not empty). */
    int[] cutFrames() {
        return java.util.stream.IntStream.range(0, cuts.size()).filter(cuts::get).toArray();
    }

    boolean anyFace() {
        return frames.stream().anyMatch(f -> f.length > 0);
    }

    /** The distinct track ids, ascending: row k of the per-track arrays below is trackIds()[k]. */
    int[] trackIds() {
        TreeMap<Integer, Boolean> ids = new TreeMap<>();
        for (Face[] row : frames) {
            for (Face f : row) {
                ids.put(f.trackId(), true);
            }
        }
        return ids.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** [row a][row b] whether the two tracks are ever in the same frame (a track is in its own). */
    boolean[][] together(int[] trackIds) {
        boolean[][] out = new boolean[trackIds.length][trackIds.length];
        for (Face[] row : frames) {
            for (Face a : row) {
                for (Face b : row) {
                    out[Arrays.binarySearch(trackIds, a.trackId())][Arrays.binarySearch(trackIds, b.trackId())] = true;
                }
            }
        }
        return out;
    }

    /** [row][frame] the raw-landmark lip opening (eye distances), NaN where the track is absent. */
    double[][] rawOpenings(int[] trackIds) {
        return perTrack(trackIds, f -> f.rawOpening());
    }

    /** [row][frame] the eye distance in pixels (a face size), NaN where the track is absent. */
    double[][] faceSizes(int[] trackIds) {
        return perTrack(trackIds, f -> MouthShape.eyeDistance(f.toLandmarks()));
    }

    private double[][] perTrack(int[] trackIds, java.util.function.ToDoubleFunction<Face> value) {
        double[][] out = new double[trackIds.length][frames.size()];
        for (double[] row : out) {
            Arrays.fill(row, Double.NaN);
        }
        for (int t = 0; t < frames.size(); t++) {
            for (Face f : frames.get(t)) {
                int row = Arrays.binarySearch(trackIds, f.trackId());
                out[row][t] = value.applyAsDouble(f);
            }
        }
        return out;
    }
}
