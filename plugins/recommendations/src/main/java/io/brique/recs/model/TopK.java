package io.brique.recs.model;

/** The k best (index, score) pairs of a stream, with a small min-heap; ties keep the lower index. */
final class TopK {

    final int[] idx;
    final float[] score;
    final int[] count;
    int size;

    TopK(int k) {
        idx = new int[k];
        score = new float[k];
        count = new int[k];
    }

    void clear() {
        size = 0;
    }

    private boolean worse(int a, int b) {
        return score[a] < score[b] || score[a] == score[b] && idx[a] > idx[b];
    }

    void offer(int i, float s, int c) {
        int k = idx.length;
        if (k == 0) {
            return;
        }
        if (size < k) {
            idx[size] = i;
            score[size] = s;
            count[size] = c;
            up(size++);
        } else if (s > score[0] || s == score[0] && i < idx[0]) {
            idx[0] = i;
            score[0] = s;
            count[0] = c;
            down(0);
        }
    }

    private void up(int j) {
        while (j > 0) {
            int p = (j - 1) / 2;
            if (!worse(j, p)) {
                break;
            }
            swap(j, p);
            j = p;
        }
    }

    private void down(int j) {
        while (true) {
            int l = 2 * j + 1;
            int r = l + 1;
            int m = j;
            if (l < size && worse(l, m)) {
                m = l;
            }
            if (r < size && worse(r, m)) {
                m = r;
            }
            if (m == j) {
                return;
            }
            swap(j, m);
            j = m;
        }
    }

    private void swap(int a, int b) {
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
        float ts = score[a];
        score[a] = score[b];
        score[b] = ts;
        int tc = count[a];
        count[a] = count[b];
        count[b] = tc;
    }

    /** Sorts in place, best first, and returns the size. */
    int sortDescending() {
        int n = size;
        for (int end = n - 1; end > 0; end--) {
            swap(0, end);
            size = end;
            down(0);
        }
        size = n; // each pass moved the worst left to the end: best first now
        return n;
    }
}
