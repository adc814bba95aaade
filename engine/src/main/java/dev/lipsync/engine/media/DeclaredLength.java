package dev.lipsync.engine.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * How long a file says its audio is, where it says so exactly before the data: an MP4/MOV/M4A
 * index (a faststart file's comes first) or a WAV header's data size. A file that decodes to
 * well short of that was cut off after its header, an upload or copy that stopped early: FFmpeg
 * reads what is there without complaint, and the output came out as short as the cut dub.
 * Other containers' lengths are estimates (from the bit rate, or unknown) and say nothing here.
 */
public final class DeclaredLength {
    private DeclaredLength() {
    }

    /**
     * Whether {@code decodedSeconds} fall well short of {@code declaredSeconds} (0: none declared):
     * by more than a second and a tenth of the length, slack for a last frame's length, encoder
     * delay and edit lists.
     */
    public static boolean fallsShort(double decodedSeconds, double declaredSeconds) {
        return declaredSeconds > 0 && decodedSeconds < declaredSeconds - Math.max(1, 0.1 * declaredSeconds);
    }

    /**
     * The length of audio stream {@code streamIndex}, the one decoded (the grabber's choice, not always
     * the first: a file can hold a silent track besides the dub), by an MP4/MOV index, or by a WAV
     * header; 0 when neither says.
     */
    static double audioSeconds(Path file, AVFormatContext format, int streamIndex) {
        AVStream stream = format != null && streamIndex >= 0 && streamIndex < format.nb_streams()
                ? format.streams(streamIndex) : null;
        double indexed = indexedSeconds(format, stream);
        return indexed > 0 ? indexed : wavDataSeconds(file);
    }

    /** A stream's length as an MP4/MOV index states it, from the file's start; 0 for other containers. */
    static double indexedSeconds(AVFormatContext format, AVStream stream) {
        if (format == null || stream == null || format.iformat() == null
                || !format.iformat().name().getString().startsWith("mov,mp4")
                || stream.duration() == avutil.AV_NOPTS_VALUE || stream.duration() <= 0) {
            return 0;
        }
        double timeBase = VideoFrames.ratio(stream.time_base());
        long start = stream.start_time() == avutil.AV_NOPTS_VALUE ? 0 : stream.start_time();
        double fileStart = format.start_time() == avutil.AV_NOPTS_VALUE ? 0 : format.start_time() / 1e6;
        return Math.max(0, (start + stream.duration()) * timeBase - fileStart);
    }

    /**
     * Seconds of sound a RIFF/WAVE header's data chunk declares (its byte size over the format
     * chunk's bytes a second); 0 when the file is no WAV, holds compressed sound (whose byte rate
     * is an average), or leaves the size open (0 or all ones, as a stream being recorded writes it).
     */
    static double wavDataSeconds(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer riff = read(channel, 0, 12);
            if (riff == null || !tag(riff, 0).equals("RIFF") || !tag(riff, 8).equals("WAVE")) {
                return 0;
            }
            long bytesPerSecond = 0;
            long offset = 12;
            for (int chunk = 0; chunk < 64; chunk++) {
                ByteBuffer header = read(channel, offset, 8);
                if (header == null) {
                    return 0;
                }
                long size = Integer.toUnsignedLong(header.getInt(4));
                if (tag(header, 0).equals("fmt ")) {
                    ByteBuffer fmt = read(channel, offset + 8, 12);
                    int format = fmt == null ? 0 : Short.toUnsignedInt(fmt.getShort(0));
                    // PCM, float or extensible: exact byte rates (a compressed WAV's is an average)
                    boolean exact = format == 1 || format == 3 || format == 0xFFFE;
                    bytesPerSecond = exact ? Integer.toUnsignedLong(fmt.getInt(8)) : 0;
                } else if (tag(header, 0).equals("data")) {
                    boolean open = size == 0 || size == 0xFFFF_FFFFL;
                    return bytesPerSecond == 0 || open ? 0 : size / (double) bytesPerSecond;
                }
                offset += 8 + size + (size & 1); // chunks are padded to even sizes
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer;
    }

    private static String tag(ByteBuffer buffer, int at) {
        return new String(buffer.array(), at, 4, StandardCharsets.ISO_8859_1);
    }
}
