package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GrabbersTest {

    @Test
    void decodersGetFrameThreadsOnlyFromCoresBeyondTwo() {
        assertEquals(1, Grabbers.decodingThreads(1));
        assertEquals(1, Grabbers.decodingThreads(2));
        assertEquals(1, Grabbers.decodingThreads(3));
        assertEquals(2, Grabbers.decodingThreads(4));
        assertEquals(4, Grabbers.decodingThreads(6));
        assertEquals(4, Grabbers.decodingThreads(64));
    }
}
