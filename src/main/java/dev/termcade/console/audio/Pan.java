package dev.termcade.console.audio;

/** Which speakers a channel plays on, from the pan bits (4-5) of {@code tone}'s flags. */
enum Pan {
    CENTER,
    LEFT,
    RIGHT;

    /** 1 = left only, 2 = right only; 0 and 3 (both sides asked for) play in the center. */
    static Pan ofBits(int bits) {
        return switch (bits) {
            case 1 -> LEFT;
            case 2 -> RIGHT;
            default -> CENTER;
        };
    }

    boolean playsLeft() {
        return this != RIGHT;
    }

    boolean playsRight() {
        return this != LEFT;
    }
}
