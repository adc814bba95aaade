package dev.lipsync.engine.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * What a video says about showing its pictures beyond their pixels: the shape of a pixel
 * (anamorphic video: 720x576 PAL 16:9, 1440x1080 HDV) and the colour description (primaries,
 * transfer, matrix: BT.709, BT.2020 with HLG...). The output carries them over so it shows as
 * the input does: without them a 16:9 PAL video played squeezed to 5:4, and a BT.709- or
 * HLG-tagged video's colours were left to players' guesses (FFmpeg took the untagged output for
 * BT.601: a visible shift). The pixels themselves keep their values: frames go from YUV to BGR
 * and back with the same BT.601 arithmetic, so the input's own matrix still describes them.
 *
 * @param sarNum, sarDen the sample (pixel) aspect ratio as displayed, 1:1 for square pixels
 * @param primaries FFmpeg's {@code AVColorPrimaries} ({@value #UNSPECIFIED}: not said)
 * @param transfer  FFmpeg's {@code AVColorTransferCharacteristic}
 * @param matrix    FFmpeg's {@code AVColorSpace} of the YUV values; unspecified for RGB
 *                  video, which our BT.601 conversion turns into YUV
 */
public record DisplayTags(int sarNum, int sarDen, int primaries, int transfer, int matrix) {
    /** FFmpeg's "unspecified" in all three colour enumerations. */
    public static final int UNSPECIFIED = 2;
    /** Square pixels, no colour description: what an output says when nothing is known. */
    public static final DisplayTags NONE = new DisplayTags(1, 1, UNSPECIFIED, UNSPECIFIED, UNSPECIFIED);
    /** The largest term the output's aspect ratio is written with (JavaCV's recorder rounds to it). */
    private static final int MAX_SAR_TERM = 255;

    public DisplayTags {
        if (sarNum <= 0 || sarDen <= 0) {
            sarNum = 1;
            sarDen = 1;
        }
        primaries = known(primaries, avutil.AVCOL_PRI_NB);
        transfer = known(transfer, avutil.AVCOL_TRC_NB);
        matrix = matrix == avutil.AVCOL_SPC_RGB ? UNSPECIFIED : known(matrix, avutil.AVCOL_SPC_NB);
    }

    /** A reserved or out-of-range value says nothing. */
    private static int known(int value, int count) {
        return value > 0 && value < count && value != 3 ? value : UNSPECIFIED; // 3: reserved in all three
    }

    /** Whether pixels are not square. */
    public boolean anamorphic() {
        return sarNum != sarDen;
    }

    /** Width of a pixel over its height. */
    public double pixelAspect() {
        return (double) sarNum / sarDen;
    }

    /** The same video turned a quarter: a pixel's width becomes its height. */
    public DisplayTags quarterTurned() {
        return new DisplayTags(sarDen, sarNum, primaries, transfer, matrix);
    }

    /** What {@code stream} of {@code format} says (as FFmpeg's own tools read it), before any rotation. */
    static DisplayTags of(AVFormatContext format, AVStream stream) {
        if (format == null || stream == null) {
            return NONE;
        }
        AVCodecParameters codec = stream.codecpar();
        AVRational sar = avformat.av_guess_sample_aspect_ratio(format, stream, null);
        if (sar.num() <= 0 || sar.den() <= 0) {
            sar = avutil.av_make_q(1, 1);
        } else if (sar.num() > MAX_SAR_TERM || sar.den() > MAX_SAR_TERM) {
            sar = avutil.av_d2q(avutil.av_q2d(sar), MAX_SAR_TERM); // as the encoder would store it
        }
        int matrix = isRgb(codec.format()) ? UNSPECIFIED : codec.color_space();
        return new DisplayTags(sar.num(), sar.den(), codec.color_primaries(), codec.color_trc(), matrix);
    }

    private static boolean isRgb(int pixelFormat) {
        AVPixFmtDescriptor descriptor = pixelFormat < 0 ? null : avutil.av_pix_fmt_desc_get(pixelFormat);
        return descriptor != null && (descriptor.flags() & avutil.AV_PIX_FMT_FLAG_RGB) != 0;
    }

}
