package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrabbersTest {
    @TempDir
    Path dir;

    @Test
    void decodersGetFrameThreadsOnlyFromCoresBeyondTwo() {
        assertEquals(1, Grabbers.decodingThreads(1));
        assertEquals(1, Grabbers.decodingThreads(2));
        assertEquals(1, Grabbers.decodingThreads(3));
        assertEquals(2, Grabbers.decodingThreads(4));
        assertEquals(4, Grabbers.decodingThreads(6));
        assertEquals(4, Grabbers.decodingThreads(64));
    }

    @Test
    void theLargestPictureWinsAsOnFfmpegsCommandLine() {
        long thumbnail = Grabbers.videoStreamScore(96, 96, true, false);
        long picture = Grabbers.videoStreamScore(1280, 720, true, false);
        assertTrue(picture > thumbnail);
        // a default stream counts 5 megapixels more: a default 720p beats a non-default 1080p
        assertTrue(Grabbers.videoStreamScore(1280, 720, true, false) > Grabbers.videoStreamScore(1920, 1080, false, false));
        // a cover picture comes last, whatever its size
        assertEquals(1, Grabbers.videoStreamScore(3000, 3000, true, true));
        assertTrue(Grabbers.videoStreamScore(16, 16, false, false) > 1);
    }

    @Test
    void aThumbnailTrackAheadOfThePictureIsNotTheVideo() throws Exception {
        Path small = MediaFixtures.testVideo(dir, "small.mkv", 1, false, "-vf", "scale=48:36", "-c:v", "libx264");
        Path big = MediaFixtures.testVideo(dir, "big.mkv", 1, false, "-c:v", "libx264");
        Path both = dir.resolve("both.mkv");
        // both marked default, as a muxer writing two video tracks often leaves them (with only the
        // thumbnail marked, FFmpeg's command line takes the thumbnail, and so do we)
        MediaFixtures.ffmpeg("-i", small.toString(), "-i", big.toString(), "-map", "0:v", "-map", "1:v", "-c", "copy",
                "-disposition:v:0", "default", "-disposition:v:1", "default", both.toString());
        try (VideoFrames frames = VideoFrames.open(both)) {
            assertEquals(160, frames.info().width());
            assertEquals(120, frames.info().height());
            Mat first = frames.next();
            assertEquals(160, first.cols());
            assertEquals(120, first.rows());
        }
    }
}
