package io.brique.crm.identity;

/** String similarity measures used by the comparisons: Jaro-Winkler and the optimal-string-alignment distance. */
public final class Similarity {
    private Similarity() {}

    public static double jaroWinkler(String a, String b) {
        if (a.equals(b)) return 1.0;
        int la = a.length(), lb = b.length();
        if (la == 0 || lb == 0) return 0.0;
        int range = Math.max(0, Math.max(la, lb) / 2 - 1);
        boolean[] ma = new boolean[la], mb = new boolean[lb];
        int matches = 0;
        for (int i = 0; i < la; i++) {
            int from = Math.max(0, i - range), to = Math.min(lb - 1, i + range);
            for (int j = from; j <= to; j++) {
                if (!mb[j] && a.charAt(i) == b.charAt(j)) {
                    ma[i] = true;
                    mb[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) return 0.0;
        int transpositions = 0;
        for (int i = 0, j = 0; i < la; i++) {
            if (!ma[i]) continue;
            while (!mb[j]) j++;
            if (a.charAt(i) != b.charAt(j)) transpositions++;
            j++;
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(la, lb)) && a.charAt(i) == b.charAt(i); i++) prefix++;
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }

    /** Edit distance counting an adjacent transposition as one edit ("1980" vs "1908"). */
    public static int editDistance(String a, String b) {
        int la = a.length(), lb = b.length();
        int[][] d = new int[la + 1][lb + 1];
        for (int i = 0; i <= la; i++) d[i][0] = i;
        for (int j = 0; j <= lb; j++) d[0][j] = j;
        for (int i = 1; i <= la; i++) {
            for (int j = 1; j <= lb; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[la][lb];
    }

    /** American Soundex of folded text (letters only); "" when there are no letters. */
    public static String soundex(String folded) {
        StringBuilder b = new StringBuilder(4);
        char last = 0;
        for (int i = 0; i < folded.length() && b.length() < 4; i++) {
            char c = folded.charAt(i);
            if (c < 'a' || c > 'z') continue;
            char code = soundexCode(c);
            if (b.isEmpty()) {
                b.append(Character.toUpperCase(c));
                last = code;
            } else if (code != '0' && code != last) {
                b.append(code);
                last = code;
            } else if (c != 'h' && c != 'w') {
                last = code;
            }
        }
        if (b.isEmpty()) return "";
        while (b.length() < 4) b.append('0');
        return b.toString();
    }

    private static char soundexCode(char c) {
        return switch (c) {
            case 'b', 'f', 'p', 'v' -> '1';
            case 'c', 'g', 'j', 'k', 'q', 's', 'x', 'z' -> '2';
            case 'd', 't' -> '3';
            case 'l' -> '4';
            case 'm', 'n' -> '5';
            case 'r' -> '6';
            default -> '0';
        };
    }
}
