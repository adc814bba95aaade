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

    /**
     * AAC gets the same share per channel whatever the layout: 96 kb/s mono, 192 kb/s stereo; a film
     * dub's 5.1 and 7.1 keep their channels (a stereo downmix lost the surround).
     */
    @Test
    void audioBitRateIsPerChannel(@TempDir Path dir) throws Exception {
        for (int channels : new int[] {1, 2, 6, 8}) {
            Path wav = MediaFixtures.sine(dir, "tone" + channels + ".wav", 4, 440, 48000, channels);
            Path out = dir.resolve("tone" + channels + ".mp4");
            writeFourSeconds(out, wav);
            var audio = MediaFixtures.stream(MediaFixtures.probe(out), "audio");
            assertEquals(channels, audio.path("channels").asInt());
            if (channels <= 2) { // past stereo, a tone in every channel takes FFmpeg's AAC far fewer bits
                assertEquals(channels * 96_000, audio.path("bit_rate").asDouble(), channels * 96_000 * 0.1,
                        channels + " channel(s)");
            }
        }
    }

    /** A 5.1 dub keeps each channel in its place: a voice in the centre stays in the centre. */
    @Test
    void surroundChannelsStayWhereTheyAre(@TempDir Path dir) throws Exception {
        Path centre = dir.resolve("centre.wav");
        MediaFixtures.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4", "-af",
                "pan=5.1|FC=c0", centre.toString());
        Path out = dir.resolve("centre.mp4");
        writeFourSeconds(out, centre);
        var audio = MediaFixtures.stream(MediaFixtures.probe(out), "audio");
        assertEquals(6, audio.path("channels").asInt());
        assertEquals("5.1", audio.path("channel_layout").asText());
        double[] rms = new double[6];
        for (int c = 0; c < 6; c++) {
            Path one = dir.resolve("channel" + c + ".wav");
            MediaFixtures.ffmpeg("-i", out.toString(), "-af", "pan=mono|c0=c" + c, one.toString());
            float[] samples = AudioSamples.readNewAudio(one);
            double sum = 0;
            for (float v : samples) {
                sum += v * v;
            }
            rms[c] = Math.sqrt(sum / samples.length);
        }
        assertTrue(rms[2] > 0.07, "the centre carries the tone (RMS 0.088 in): " + java.util.Arrays.toString(rms));
        for (int c : new int[] {0, 1, 3, 4, 5}) {
            assertTrue(rms[c] < 0.005, "channel " + c + " stays silent: " + java.util.Arrays.toString(rms));
        }
    }

    /** 100 frames at 25 fps with {@code audio}'s first four seconds. */
    private static void writeFourSeconds(Path out, Path audio) throws Exception {
        Mp4Writer writer = Mp4Writer.open(out, W, H, 25, audio);
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
