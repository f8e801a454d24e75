package dev.nacre.sandbox;

/** A CharSequence that stops a regex matcher after a number of character reads (against catastrophic backtracking). */
final class BoundedChars implements CharSequence {
    static final class TooMuchWork extends RuntimeException {
        TooMuchWork() {
            super("regex work limit", null, false, false);
        }
    }

    private final String text;
    private final int[] budget;

    BoundedChars(String text, int steps) {
        this(text, new int[] {steps});
    }

    private BoundedChars(String text, int[] budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) throw new TooMuchWork();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedChars(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
        return text;
    }
}
