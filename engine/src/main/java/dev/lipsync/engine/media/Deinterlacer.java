package dev.lipsync.engine.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg's yadif over the pictures of an interlaced video (a broadcast master, 1080i): one
 * progressive picture for each decoded one, at its time, so the frame rate and the timeline stay
 * as they are. Without it the analysis saw both fields' mouths in one picture, and the output,
 * coded progressive like a plain re-encode's, showed the fields' combs in every movement.
 * Pictures not flagged interlaced pass unchanged ({@code deint=interlaced}).
 *
 * <p>yadif needs the next picture to finish one: a picture given with {@link #give} comes back
 * from {@link #take} once the next one is given, or after {@link #end}.
 */
final class Deinterlacer implements AutoCloseable {
    private static final String YADIF = "mode=send_frame:parity=auto:deint=interlaced";
    private static final AVRational MICROSECONDS = avutil.av_make_q(1, 1_000_000);

    private AVFilterGraph graph;
    private final AVFilterContext source = new AVFilterContext(null);
    private final AVFilterContext sink = new AVFilterContext(null);
    private final AVFrame given = avutil.av_frame_alloc();

    /** Whether a stream's pictures are coded as fields (its field order says so). */
    static boolean isInterlaced(AVCodecParameters stream) {
        if (stream == null) {
            return false;
        }
        int order = stream.field_order();
        return order == avcodec.AV_FIELD_TT || order == avcodec.AV_FIELD_BB || order == avcodec.AV_FIELD_TB
                || order == avcodec.AV_FIELD_BT;
    }

    /**
     * @param pixelFormat the decoder's (an {@code AV_PIX_FMT_*})
     * @throws IllegalStateException when FFmpeg cannot set the filter up
     */
    Deinterlacer(int width, int height, int pixelFormat) {
        graph = avfilter.avfilter_graph_alloc();
        String args = "video_size=" + width + "x" + height + ":pix_fmt=" + pixelFormat
                + ":time_base=1/1000000:pixel_aspect=1/1";
        AVFilterContext yadif = new AVFilterContext(null);
        try {
            check(avfilter.avfilter_graph_create_filter(source, avfilter.avfilter_get_by_name("buffer"), "in", args,
                    null, graph), "buffer source");
            check(avfilter.avfilter_graph_create_filter(yadif, avfilter.avfilter_get_by_name("yadif"), "yadif", YADIF,
                    null, graph), "yadif");
            check(avfilter.avfilter_graph_create_filter(sink, avfilter.avfilter_get_by_name("buffersink"), "out", null,
                    null, graph), "buffer sink");
            check(avfilter.avfilter_link(source, 0, yadif, 0), "link");
            check(avfilter.avfilter_link(yadif, 0, sink, 0), "link");
            check(avfilter.avfilter_graph_config(graph, null), "graph");
        } catch (IllegalStateException e) {
            close(); // the caller never gets this object to close
            throw e;
        }
    }

    /** Gives a decoded picture (not taken over: the filter keeps its own reference), at {@code timestampUs}. */
    void give(AVFrame picture, long timestampUs) {
        check(avutil.av_frame_ref(given, picture), "reference");
        given.pts(timestampUs);
        check(avfilter.av_buffersrc_add_frame_flags(source, given, 0), "give"); // takes given's reference
    }

    /** No more pictures: the last one can be taken. */
    void end() {
        avfilter.av_buffersrc_add_frame_flags(source, null, 0);
    }

    /**
     * The next progressive picture into {@code target} (a reference; {@code target.pts()} its time
     * in microseconds); false when none is ready yet.
     */
    boolean take(AVFrame target) {
        avutil.av_frame_unref(target);
        if (avfilter.av_buffersink_get_frame(sink, target) < 0) {
            return false;
        }
        // yadif counts time in half the input's units (it can send a picture per field)
        target.pts(avutil.av_rescale_q(target.pts(), avfilter.av_buffersink_get_time_base(sink), MICROSECONDS));
        return true;
    }

    private static void check(int status, String what) {
        if (status < 0) {
            throw new IllegalStateException("deinterlacer: " + what + " failed (" + status + ")");
        }
    }

    @Override
    public void close() {
        if (graph != null) {
            avfilter.avfilter_graph_free(graph);
            graph = null;
        }
        avutil.av_frame_free(given);
    }
}
