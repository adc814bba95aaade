package dev.lipsync.engine.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {

    @Test
    void writesCellsOfTheCropScaledToTheCellHeight(@TempDir Path dir) throws Exception {
        Mat red = new Mat(80, 100, CV_8UC3, new Scalar(0, 0, 255, 0));
        Mat green = new Mat(80, 100, CV_8UC3, new Scalar(0, 255, 0, 0));
        Path png = dir.resolve("sheet.png");
        // crop 40×20 → cells 80×40; a missing frame is grey
        ContactSheet.write(png, List.of("a", "b"), List.of("row 1", "row 2"),
                List.of(List.of(red, green), Arrays.asList(green, null)), new int[] {10, 10, 40, 20}, 40);
        Mat sheet = imread(png.toString());
        int g = ContactSheet.GAP;
        assertEquals(2 * 80 + 3 * g, sheet.cols());
        assertEquals(ContactSheet.TITLE_HEIGHT + 2 * (ContactSheet.CAPTION_HEIGHT + 40 + g), sheet.rows());
        assertArrayEquals(new int[] {0, 0, 255}, pixel(sheet, g + 40, ContactSheet.TITLE_HEIGHT + ContactSheet.CAPTION_HEIGHT + 20));
        int secondRow = ContactSheet.TITLE_HEIGHT + 2 * ContactSheet.CAPTION_HEIGHT + 40 + g + 20;
        assertArrayEquals(new int[] {96, 96, 96}, pixel(sheet, 2 * g + 80 + 40, secondRow));
    }

    @Test
    void cropIsClippedToTheFrame() {
        assertArrayEquals(new int[] {0, 5, 30, 15}, ContactSheet.clip(new int[] {-10, 5, 40, 100}, 30, 20));
        assertArrayEquals(new int[] {0, 0, 30, 20}, ContactSheet.clip(new int[] {50, 50, 10, 10}, 30, 20));
        assertArrayEquals(new int[] {0, 0, 30, 20}, ContactSheet.clip(null, 30, 20));
    }

    private static int[] pixel(Mat m, int x, int y) {
        ByteBuffer b = m.createBuffer();
        int p = (int) (y * m.step() + x * 3);
        return new int[] {b.get(p) & 0xff, b.get(p + 1) & 0xff, b.get(p + 2) & 0xff};
    }
}
