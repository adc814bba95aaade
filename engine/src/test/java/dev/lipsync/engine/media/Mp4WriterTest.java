package dev.lipsync.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4WriterTest {
    private static final int W = 64, H = 48, FRAMES = 36;

    /** A flat grey I420 frame of luma {@code 16 + 6k}: decoded, its level tells {@code k}. */
    private static void fill(Mat i420, int k) {
        i420.create(H * 3 / 2, W, CV_8UC1);
        i420.rowRange(0, H).put(new Scalar(16 + 6 * k));
        i420.rowRange(H, H * 3 / 2).put(new Scalar(128));
    }

    /** Guards the spared copy: a JavaCV without the recorder's picture field would quietly lose it. */
    @Test
    void theEncoderTakesPicturesWithoutFFmpegCopyingThem(@TempDir Path dir) throws Exception {
        Grabbers.quietLogs();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(dir.resolve("empty.mp4").toFile(), W, H, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.start();
        try {
            assertTrue(Mp4Writer.sendPicturesUncopied(recorder));
        } finally {
            recorder.release();
        }
    }

    @Test
    void theEncoderGetsOneAndAHalfFrameThreadsACoreUpToEight() {
        assertEquals(1, Mp4Writer.encoderThreads(1));
        assertEquals(3, Mp4Writer.encoderThreads(2));
        assertEquals(6, Mp4Writer.encoderThreads(4));
        assertEquals(8, Mp4Writer.encoderThreads(8));
        assertEquals(8, Mp4Writer.encoderThreads(64));
        assertEquals(1, Mp4Writer.encoderThreads(0));
    }

    /** AAC gets the same share per channel whatever the layout: 96 kb/s mono, 192 kb/s stereo. */
    @Test
    void audioBitRateIsPerChannel(@TempDir Path dir) throws Exception {
        for (int channels = 1; channels <= 2; channels++) {
            Path wav = MediaFixtures.sine(dir, "tone" + channels + ".wav", 4, 440, 48000, channels);
            Path out = dir.resolve("tone" + channels + ".mp4");
            Mp4Writer writer = Mp4Writer.open(out, W, H, 25, wav);
            Mat frame = new Mat();
            try {
                for (int k = 0; k < 100; k++) {
                    fill(frame, k % FRAMES);
                    writer.write(frame);
                }
                writer.finish();
            } finally {
                writer.abort();
                frame.close();
            }
            var audio = MediaFixtures.stream(MediaFixtures.probe(out), "audio");
            assertEquals(channels, audio.path("channels").asInt());
            assertEquals(channels * 96_000, audio.path("bit_rate").asDouble(), channels * 96_000 * 0.1,
                    channels + " channel(s)");
        }
    }

    /**
     * Each frame reaches the file as it was when written, though the buffer the writer gives back
     * is overwritten at once (as a decoder does): the encoder is done with a picture before its
     * buffer comes back.
     */
    @Test
    void framesReachTheFileAsWrittenThoughTheirBuffersAreReusedAtOnce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("levels.mp4");
        Mp4Writer writer = Mp4Writer.open(out, W, H, 25, null);
        Mat frame = new Mat();
        try {
            for (int k = 0; k < FRAMES; k++) {
                fill(frame, k);
                if (k % 3 == 0) {
                    writer.write(frame);
                } else {
                    frame = writer.writeInExchange(frame);
                }
                frame.put(new Scalar(255)); // scribbled over at once
            }
            writer.finish();
        } finally {
            writer.abort();
            frame.close();
        }
        try (VideoFrames video = VideoFrames.openI420(out)) {
            for (int k = 0; k < FRAMES; k++) {
                Mat decoded = video.next();
                double luma = opencv_core.mean(decoded.rowRange(0, H)).get(0);
                assertEquals(k, (int) Math.round((luma - 16) / 6), "frame " + k + " (luma " + luma + ")");
            }
        }
    }
}
