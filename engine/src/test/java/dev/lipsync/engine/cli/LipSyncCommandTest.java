package dev.lipsync.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.engine.media.MediaFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LipSyncCommandTest {
    @TempDir
    static Path dir;
    static Path video;
    static Path audio;

    @BeforeAll
    static void makeFixtures() {
        video = MediaFixtures.testVideo(dir, "clip.mp4", 0.4, true, "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a", "aac");
        audio = MediaFixtures.sine(dir, "dub.wav", 0.5, 300, 16000, 1);
    }

    @Test
    void badInputGivesOneLineAndExitCodeThree() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        Run run = run(text.toString(), audio.toString(), "-o", dir.resolve("out.mp4").toString(), "--no-progress");
        assertEquals(3, run.exitCode);
        assertEquals("error: video file is not a valid video\n", run.err);
        Run noSound = run(video.toString(), MediaFixtures.testVideo(dir, "mute.mp4", 0.2, false, "-c:v", "libx264",
                "-preset", "ultrafast").toString(), "-o", dir.resolve("out.mp4").toString(), "--no-progress");
        assertEquals(3, noSound.exitCode);
        assertEquals("error: audio file has no audio track\n", noSound.err);
    }

    @Test
    void videoWithoutAFaceIsTheUsersToFix() {
        // the test pattern holds no face: nothing to lip-sync, exit 3 with one line
        Run run = run(video.toString(), audio.toString(), "-o", dir.resolve("out.mp4").toString(), "--no-progress");
        assertEquals(3, run.exitCode, run.err);
        assertEquals("error: no face found in the video\n", run.err);
    }

    @Test
    void talkingHeadGivesAnMp4AndASummary() throws Exception {
        Path shared = Path.of(System.getProperty("lipsync.shared.dir", "/work/shared"));
        Path clip = shared.resolve("media/video/man_en.mp4");
        Assumptions.assumeTrue(Files.isRegularFile(clip), "no shared media at " + clip + ": skipped");
        Path out = dir.resolve("talking.mp4");
        Run run = run(clip.toString(), audio.toString(), "-o", out.toString(), "--no-progress");
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.startsWith("wrote " + out + " (0.50 s, 13 frames, "), run.out);
        assertTrue(Files.size(out) > 0);
    }

    /** An output that would overwrite an input, or cannot be created, stops before any work (exit 2). */
    @Test
    void anOutputThatCannotBeWrittenOrIsAnInputIsAUsageError() throws Exception {
        Path copy = Files.copy(video, dir.resolve("mine.mp4"));
        Run same = run(copy.toString(), audio.toString(), "-o", copy.toString(), "--no-progress");
        assertEquals(2, same.exitCode);
        assertEquals("error: -o " + copy + " is an input file: write the output elsewhere\n", same.err);
        assertEquals(Files.size(video), Files.size(copy), "the input is untouched");
        Run noFolder = run(video.toString(), audio.toString(), "-o", dir.resolve("missing/out.mp4").toString(),
                "--no-progress");
        assertEquals(2, noFolder.exitCode);
        assertTrue(noFolder.err.startsWith("error: -o ") && noFolder.err.contains("no such directory"), noFolder.err);
        Run folder = run(video.toString(), audio.toString(), "-o", dir.toString(), "--no-progress");
        assertEquals(2, folder.exitCode);
        assertTrue(folder.err.contains("is a directory"), folder.err);
    }

    /** A path that names no file is a usage error that says so, not a "not a valid video" (exit 2). */
    @Test
    void anInputPathThatIsNoFileIsAUsageError() {
        Path missing = dir.resolve("typo.mp4");
        Run noVideo = run(missing.toString(), audio.toString(), "-o", dir.resolve("out.mp4").toString(), "--no-progress");
        assertEquals(2, noVideo.exitCode);
        assertEquals("error: video " + missing + ": no such file\n", noVideo.err);
        Run noAudio = run(video.toString(), missing.toString(), "-o", dir.resolve("out.mp4").toString(), "--no-progress");
        assertEquals(2, noAudio.exitCode);
        assertEquals("error: audio " + missing + ": no such file\n", noAudio.err);
        Run folder = run(video.toString(), dir.toString(), "-o", dir.resolve("out.mp4").toString(), "--no-progress");
        assertEquals(2, folder.exitCode);
        assertEquals("error: audio " + dir + " is a directory, not a file\n", folder.err);
        assertTrue(!Files.exists(dir.resolve("out.mp4")), "no output for a usage error");
    }

    @Test
    void missingArgumentsAreAUsageError() {
        Run run = run(video.toString());
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("needs VIDEO, AUDIO and -o OUT.mp4"), run.err);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = LipSyncCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
