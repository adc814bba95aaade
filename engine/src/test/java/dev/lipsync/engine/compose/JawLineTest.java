package dev.lipsync.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JawLineTest {
    @Test
    void theLineIsInterpolatedBetweenItsPointsAndUnknownBeyond() {
        double[] us = {-1, 0, 1}, vs = {1.0, 2.0, 1.0};
        assertEquals(1.5, JawLine.at(us, vs, -0.5), 1e-12);
        assertEquals(2.0, JawLine.at(us, vs, 0), 1e-12);
        assertEquals(1.2, JawLine.at(us, vs, 0.8), 1e-12);
        assertTrue(Double.isNaN(JawLine.at(us, vs, 1.5)));
    }

    @Test
    void theTableFollowsTheLineAndKnowsItsHighestPoint() {
        double[] us = {-1, -0.3, 0, 0.4, 1}, vs = {0.9, 1.6, 2.0, 1.7, 1.0};
        JawLine line = new JawLine(us, vs);
        assertEquals(0.9, line.highest, 1e-12);
        for (double u = -1; u <= 1; u += 0.013) {
            assertEquals(JawLine.at(us, vs, u), line.at(u), 0.002, "u = " + u); // corners cut within a bin
        }
        assertTrue(Double.isNaN(line.at(-1.01)));
        assertTrue(Double.isNaN(line.at(1.01)));
    }
}
