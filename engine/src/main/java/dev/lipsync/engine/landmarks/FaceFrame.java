package dev.lipsync.engine.landmarks;

/**
 * A face-aligned coordinate frame: origin midway between the eye centres, u along the eye line
 * (image left to right for a frontal face), v perpendicular to it pointing down the face, both
 * in units of the eye distance. Lets the compositor's mask and ring, and what lies under the
 * chin ({@code face.UnderChinPatch}), be described independently of face size and head roll.
 */
public record FaceFrame(double ox, double oy, double ux, double uy, double eyeDistance) {

    public static FaceFrame of(Landmarks l) {
        return of(l.toArray());
    }

    /** @param xy 68 interleaved landmark coordinates */
    public static FaceFrame of(float[] xy) {
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

    public double u(double x, double y) {
        return ((x - ox) * ux + (y - oy) * uy) / eyeDistance;
    }

    public double v(double x, double y) {
        return (-(x - ox) * uy + (y - oy) * ux) / eyeDistance;
    }

    public double x(double u, double v) {
        return ox + eyeDistance * (u * ux - v * uy);
    }

    public double y(double u, double v) {
        return oy + eyeDistance * (u * uy + v * ux);
    }

    /** Unit vector pointing down the face, in image coordinates: (downX, downY). */
    public double downX() {
        return -uy;
    }

    public double downY() {
        return ux;
    }
}
