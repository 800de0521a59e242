package dev.berth.ui.review;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts for the Review step's "what changed since the live release": changed lines with
 * {@code -}/{@code +}, and up to {@value #CONTEXT} unchanged lines around them. Plain LCS: rendered files are small.
 */
public final class TextDiff {
    static final int CONTEXT = 2;

    private TextDiff() {}

    /** The diff lines; empty when the texts are equal. */
    public static List<String> lines(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                all.add("  " + a[i]);
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                all.add("- " + a[i++]);
            } else {
                all.add("+ " + b[j++]);
            }
        }
        boolean[] shown = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (!all.get(k).startsWith("  ")) {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(all.size() - 1, k + CONTEXT); c++) {
                    shown[c] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        int last = -1;
        for (int k = 0; k < all.size(); k++) {
            if (!shown[k]) {
                continue;
            }
            if (last >= 0 && k > last + 1) {
                out.add("…");
            }
            out.add(all.get(k));
            last = k;
        }
        return out;
    }
}
