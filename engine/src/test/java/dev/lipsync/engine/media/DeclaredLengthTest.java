package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.LipSyncException;
import dev.lipsync.engine.LipSyncException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dub cut off after its header (an upload that stopped early) fails as truncated instead of making a short output. */
class DeclaredLengthTest {
    @TempDir
    Path dir;

    private Path cut(Path whole, String name, double share) throws Exception {
        byte[] bytes = Files.readAllBytes(whole);
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, (int) (bytes.length * share)));
    }

    @Test
    void aWavOrFaststartM4aCutShortIsTruncated() throws Exception {
        Path wav = MediaFixtures.sine(dir, "dub.wav", 6, 300, 16000, 1);
        assertEquals(6.0, DeclaredLength.wavDataSeconds(wav), 1e-6);
        assertEquals(6.0, AudioSamples.seconds(AudioSamples.readNewAudio(wav)), 0.01);
        Path cutWav = cut(wav, "dub_cut.wav", 0.7);
        assertEquals(6.0, DeclaredLength.wavDataSeconds(cutWav), 1e-6, "the header still says 6 s");
        LipSyncException e = assertThrows(LipSyncException.class, () -> AudioSamples.readNewAudio(cutWav));
        assertEquals(Reason.AUDIO_UNREADABLE, e.reason());
        assertEquals(Grabbers.AUDIO_CUT, e.getMessage());

        Path m4a = MediaFixtures.sine(dir, "dub.m4a", 6, 300, 44100, 2, "-c:a", "aac", "-movflags", "+faststart");
        assertEquals(6.0, AudioSamples.seconds(AudioSamples.readNewAudio(m4a)), 0.05);
        Path cutM4a = cut(m4a, "dub_cut.m4a", 0.7);
        e = assertThrows(LipSyncException.class, () -> AudioSamples.readNewAudio(cutM4a));
        assertEquals(Grabbers.AUDIO_CUT, e.getMessage());

        assertEquals(3.0, AudioSamples.seconds(AudioSamples.readNewAudio(cutWav, 3)), 0.01,
                "read only up to a limit: nothing to say about the rest");
    }

    @Test
    void theLengthIsTheDecodedTracksNotTheFirstOnes() throws Exception {
        // the grabber decodes the second track here (JavaCV takes the first track not marked
        // default; FFmpeg's command line would take the first, marked default): the first one's
        // 10 s once made this whole 4 s dub look cut off
        Path two = dir.resolve("two_tracks.m4a");
        MediaFixtures.ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-f", "lavfi", "-i",
                "sine=frequency=300:sample_rate=44100:duration=4", "-map", "0:a", "-map", "1:a", "-ac:a:1", "2",
                "-t", "10", "-c:a", "aac", "-movflags", "+faststart", two.toString());
        assertEquals(4.0, AudioSamples.seconds(AudioSamples.readNewAudio(two)), 0.05);
    }

    @Test
    void aWavStillBeingWrittenSaysNoLength() throws Exception {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000)
                .putInt(32000).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt(-1); // 0xFFFFFFFF: the size is left open
        Path open = Files.write(dir.resolve("open.wav"), header.array());
        assertEquals(0, DeclaredLength.wavDataSeconds(open));
        assertEquals(0, DeclaredLength.wavDataSeconds(MediaFixtures.sine(dir, "tone.flac", 1, 300, 16000, 1,
                "-c:a", "flac")), "not a WAV");
    }

    @Test
    void fallingShortLeavesASecondAndATenth() {
        assertFalse(DeclaredLength.fallsShort(9.1, 10), "within a second");
        assertTrue(DeclaredLength.fallsShort(8.9, 10));
        assertFalse(DeclaredLength.fallsShort(55, 60), "within a tenth");
        assertTrue(DeclaredLength.fallsShort(53.9, 60));
        assertFalse(DeclaredLength.fallsShort(1, 0), "nothing declared");
    }
}
