package dev.lipsync.engine.compose;

import dev.lipsync.engine.landmarks.Landmarks;

/**
 * A face-aligned coordinate frame: origin midway between the eye centres, u along the eye line
 * (image left to right for a frontal face), v perpendicular to it pointing down the face, both
 * in units of the eye distance. Lets the mask and ring be described independently of face
 * size and head roll.
 */
record FaceFrame(double ox, double oy, double ux, double uy, double eyeDistance) {

    static FaceFrame of(Landmarks l) {
        return of(l.toArray());
    }

    /** @param xy 68 interleaved landmark coordinates */
    static FaceFrame of(float[] xy) {
        double lx = 0, ly = 0, rx = 0, ry = 0;
        for (int i = 0; i < 6; i++) {
            lx += xy[2 * (36 + i)];
            ly += xy[2 * (36 + i) + 1];
            rx += xy[2 * (42 + i)];
            ry += xy[2 * (42 + i) + 1];
        }
        lx /= 6;
        ly /= 6;
        rx /= 6;
        ry /= 6;
        double d = Math.hypot(rx - lx, ry - ly);
        if (!(d > 1e-6)) {
            throw new IllegalArgumentException("eye centres coincide: not a face");
        }
        return new FaceFrame((lx + rx) / 2, (ly + ry) / 2, (rx - lx) / d, (ry - ly) / d, d);
    }

    double u(double x, double y) {
        return ((x - ox) * ux + (y - oy) * uy) / eyeDistance;
    }

    double v(double x, double y) {
        return (-(x - ox) * uy + (y - oy) * ux) / eyeDistance;
    }

    double x(double u, double v) {
        return ox + eyeDistance * (u * ux - v * uy);
    }

    double y(double u, double v) {
        return oy + eyeDistance * (u * uy + v * ux);
    }

    /** Unit vector pointing down the face, in image coordinates: (downX, downY). */
    double downX() {
        return -uy;
    }

    double downY() {
        return ux;
    }
}
