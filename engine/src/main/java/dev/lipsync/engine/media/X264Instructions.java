package dev.lipsync.engine.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which instruction sets libx264 may use. Left to itself on a CPU with AVX-512, the x264 in
 * JavaCV's FFmpeg reads memory it never wrote: the same frames then encode to different bytes
 * depending on what the allocator hands out (the FFmpeg command line shows it too: two runs
 * with {@code MALLOC_PERTURB_} 165 and 90 differ, also single-threaded; with AVX-512 left out
 * they are identical, and encoding takes the same CPU time). So on such CPUs x264 gets the
 * CPU's own instruction sets minus AVX-512; elsewhere its own detection stands.
 */
public final class X264Instructions {
    private X264Instructions() {}

    /** x264's names for the instruction sets it can use, and the /proc/cpuinfo flag of each. */
    private static final String[][] SETS = {
        {"MMX2", "sse"}, {"SSE", "sse"}, {"SSE2", "sse2"}, {"SSE3", "pni"}, {"SSSE3", "ssse3"},
        {"SSE4.1", "sse4_1"}, {"SSE4.2", "sse4_2"}, {"AVX", "avx"}, {"XOP", "xop"}, {"FMA4", "fma4"},
        {"FMA3", "fma"}, {"BMI1", "bmi1"}, {"BMI2", "bmi2"}, {"LZCNT", "abm"}, {"AVX2", "avx2"},
    };

    /**
     * The {@code x264-params} value for this machine, or null to leave x264's own choice. The
     * quality bench passes it to the FFmpeg command line too, so that the inputs it makes are the
     * same bytes in every run.
     */
    public static String params() {
        if (!System.getProperty("os.arch", "").matches("amd64|x86_64")) {
            return null;
        }
        try {
            return params(cpuFlags(Files.readAllLines(Path.of("/proc/cpuinfo"))));
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or unreadable: x264 decides
        }
    }

    /** {@code asm=…} with every set {@code cpuFlags} shows except AVX-512, or null when it shows no AVX-512. */
    static String params(Set<String> cpuFlags) {
        if (!cpuFlags.contains("avx512f")) {
            return null;
        }
        List<String> sets = new ArrayList<>();
        for (String[] set : SETS) {
            if (cpuFlags.contains(set[1])) {
                sets.add(set[0]);
            }
        }
        return sets.isEmpty() ? null : "asm=" + String.join(",", sets);
    }

    /** The first processor's flags in /proc/cpuinfo's lines. */
    static Set<String> cpuFlags(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            if (line.startsWith("flags")) {
                int colon = line.indexOf(':');
                return Arrays.stream(line.substring(colon + 1).trim().split("\\s+")).collect(Collectors.toSet());
            }
        }
        return Set.of();
    }
}
