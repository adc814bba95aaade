package dev.lipsync.engine.bench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A PNG of video frames side by side, for a person to look at: one column per video (input,
 * output, ground truth…), one row per sampled time, each row with a caption above it. Every
 * cell shows the same crop of its frame (the face, say), scaled to a common height.
 */
public final class ContactSheet {
    static final int TITLE_HEIGHT = 28;
    static final int CAPTION_HEIGHT = 20;
    static final int GAP = 4;

    private ContactSheet() {
    }

    /**
     * Writes the sheet.
     *
     * @param columns    column titles
     * @param captions   one caption per row
     * @param cells      {@code cells.get(row).get(column)}: BGR CV_8UC3 frames, null for a missing one (grey)
     * @param crop       {x, y, width, height} shown of each frame (clipped to it), or null for the whole frame
     * @param cellHeight height of each cell in the sheet, pixels
     */
    public static void write(Path png, List<String> columns, List<String> captions, List<List<Mat>> cells,
                             int[] crop, int cellHeight) throws IOException {
        if (captions.size() != cells.size()) {
            throw new IllegalArgumentException("one caption per row");
        }
        Mat first = cells.stream().flatMap(List::stream).filter(m -> m != null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no frame to show"));
        int[] box = clip(crop, first.cols(), first.rows());
        int cellWidth = Math.max(1, (int) Math.round(cellHeight * box[2] / (double) box[3]));
        int width = columns.size() * cellWidth + (columns.size() + 1) * GAP;
        int height = TITLE_HEIGHT + cells.size() * (CAPTION_HEIGHT + cellHeight + GAP);
        try (Mat sheet = new Mat(height, width, first.type(), new Scalar(32, 32, 32, 0))) {
            Scalar white = new Scalar(235, 235, 235, 0);
            for (int c = 0; c < columns.size(); c++) {
                text(sheet, columns.get(c), GAP + c * (cellWidth + GAP) + 4, TITLE_HEIGHT - 8, 0.6, white);
            }
            for (int r = 0; r < cells.size(); r++) {
                int top = TITLE_HEIGHT + r * (CAPTION_HEIGHT + cellHeight + GAP);
                text(sheet, captions.get(r), GAP + 4, top + CAPTION_HEIGHT - 6, 0.45, white);
                List<Mat> row = cells.get(r);
                for (int c = 0; c < columns.size(); c++) {
                    Mat frame = c < row.size() ? row.get(c) : null;
                    try (Mat target = sheet.apply(new Rect(GAP + c * (cellWidth + GAP), top + CAPTION_HEIGHT,
                            cellWidth, cellHeight))) {
                        if (frame == null) {
                            target.put(new Scalar(96, 96, 96, 0));
                            continue;
                        }
                        int[] b = clip(box, frame.cols(), frame.rows());
                        try (Mat part = frame.apply(new Rect(b[0], b[1], b[2], b[3]));
                             Mat scaled = new Mat()) {
                            resize(part, scaled, new Size(cellWidth, cellHeight), 0, 0, INTER_AREA);
                            scaled.copyTo(target);
                        }
                    }
                }
            }
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!imwrite(png.toString(), sheet)) {
                throw new IOException("could not write " + png);
            }
        }
    }

    /** {x, y, width, height} inside a frame of the given size (the whole frame for null or an empty overlap). */
    static int[] clip(int[] box, int frameWidth, int frameHeight) {
        if (box == null) {
            return new int[] {0, 0, frameWidth, frameHeight};
        }
        int x0 = Math.max(0, box[0]), y0 = Math.max(0, box[1]);
        int x1 = Math.min(frameWidth, box[0] + box[2]), y1 = Math.min(frameHeight, box[1] + box[3]);
        return x1 - x0 < 2 || y1 - y0 < 2 ? new int[] {0, 0, frameWidth, frameHeight}
                : new int[] {x0, y0, x1 - x0, y1 - y0};
    }

    private static void text(Mat sheet, String s, int x, int y, double scale, Scalar colour) {
        putText(sheet, s, new Point(x, y), FONT_HERSHEY_SIMPLEX, scale, colour, 1, LINE_AA, false);
    }
}
