package dev.lipsync.engine.mouth;

import java.util.Arrays;

/**
 * The K bank frames nearest to a target in {@link Space}: the bank sorted by opening, scanned
 * outward from the target's opening until the opening difference alone exceeds the K-th best
 * distance found so far (exact, and far fewer distance evaluations than a full scan).
 */
final class NearestSearch {
    private final Space space;
    private final int k;
    private final int[] order;
    private final double[] key;
    // a max-heap of the best k so far
    private final double[] heapDistance;
    private final int[] heapIndex;

    NearestSearch(Space space, int k) {
        this.space = space;
        this.k = k;
        Integer[] boxed = new Integer[space.available()];
        int n = 0;
        for (int i = 0; i < space.size(); i++) {
            if (space.usable(i)) {
                boxed[n++] = i;
            }
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(space.coordinate(a, 0), space.coordinate(b, 0)));
        order = new int[n];
        key = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
            key[i] = space.coordinate(boxed[i], 0);
        }
        heapDistance = new double[k];
        heapIndex = new int[k];
    }

    /** Bank indices of the (at most) k nearest frames, in no particular order. */
    int[] find(double[] target) {
        int size = 0;
        double t0 = target[0];
        int hi = lowerBound(t0);
        int lo = hi - 1;
        while (lo >= 0 || hi < order.length) {
            double dLo = lo >= 0 ? t0 - key[lo] : Double.POSITIVE_INFINITY;
            double dHi = hi < order.length ? key[hi] - t0 : Double.POSITIVE_INFINITY;
            int pos;
            double gap;
            if (dLo <= dHi) {
                pos = lo--;
                gap = dLo;
            } else {
                pos = hi++;
                gap = dHi;
            }
            if (size == k && gap * gap >= heapDistance[0]) {
                break; // everything further out along the opening axis is further away
            }
            int i = order[pos];
            double d = space.distance(i, target);
            if (size < k) {
                heapDistance[size] = d;
                heapIndex[size] = i;
                siftUp(size++);
            } else if (d < heapDistance[0]) {
                heapDistance[0] = d;
                heapIndex[0] = i;
                siftDown(size);
            }
        }
        return Arrays.copyOf(heapIndex, size);
    }

    private int lowerBound(double value) {
        int a = 0, b = key.length;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (key[m] < value) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heapDistance[parent] >= heapDistance[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1, r = l + 1, largest = i;
            if (l < size && heapDistance[l] > heapDistance[largest]) {
                largest = l;
            }
            if (r < size && heapDistance[r] > heapDistance[largest]) {
                largest = r;
            }
            if (largest == i) {
                return;
            }
            swap(i, largest);
            i = largest;
        }
    }

    private void swap(int a, int b) {
        double d = heapDistance[a];
        heapDistance[a] = heapDistance[b];
        heapDistance[b] = d;
        int x = heapIndex[a];
        heapIndex[a] = heapIndex[b];
        heapIndex[b] = x;
    }
}
