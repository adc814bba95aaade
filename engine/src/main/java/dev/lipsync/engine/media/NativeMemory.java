package dev.lipsync.engine.media;

/**
 * JavaCPP, under FFmpeg and OpenCV, caps the resident memory of the whole process at four
 * times the Java heap unless told otherwise: past the cap, each native allocation calls
 * {@code System.gc()} and sleeps 100 ms, up to ten times, then throws
 * {@code OutOfMemoryError("Physical memory usage is too high")}, and every allocation below it
 * reads the process's size from the kernel. The engine's memory is native and bounded by design
 * (frames in flight, x264's look-ahead), not by the heap, so the cap only turns big jobs (4K,
 * several workers in one server, a small {@code -Xmx}) into failures. {@link #liftProcessCap()}
 * removes it; it must run before JavaCPP loads, so the entry points call it first.
 */
public final class NativeMemory {
    /** JavaCPP reads this property, then its lower-case spelling; "0" turns the cap off. */
    static final String CAP_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";

    private NativeMemory() {
    }

    /** Turns JavaCPP's process memory cap off, unless the user set it (either spelling). */
    public static void liftProcessCap() {
        if (System.getProperty(CAP_PROPERTY) == null && System.getProperty(CAP_PROPERTY.toLowerCase()) == null) {
            System.setProperty(CAP_PROPERTY, "0");
        }
    }
}
