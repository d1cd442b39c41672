package dev.pinkeeper.verify;

import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.pin.Pin;

/**
 * A list of the pins a site must serve, as text: one pin per line in its first field (so the output of
 * {@code pinkeeper pin} serves as it is), blank lines and lines starting with {@code #} skipped.
 */
public final class ExpectedPinsText {
    private ExpectedPinsText() {
    }

    /**
     * The pins of {@code text}, in order (duplicates kept).
     *
     * @throws IllegalArgumentException when a line's first field is not a pin; its message starts with the line
     *                                  number and a colon ({@code 3: …})
     */
    public static List<Pin> parse(String text) {
        List<Pin> pins = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\r?\n")) {
            number++;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            try {
                pins.add(Pin.parse(stripped.split("\\s+")[0]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(number + ": " + e.getMessage(), e);
            }
        }
        return pins;
    }
}
