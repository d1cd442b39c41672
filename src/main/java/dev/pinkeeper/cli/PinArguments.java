package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.read.KeyMaterialReader;
import dev.pinkeeper.read.UnreadableInputException;

/** Turns command-line arguments that name pins — a pin, or a file of keys to pin — into pins. */
final class PinArguments {
    private PinArguments() {
    }

    /** A pin written out, or else the pins of every object in the file of that name. */
    static List<Pin> pinOrFile(String item) {
        if (!Files.exists(Path.of(item))) {
            try {
                return List.of(Pin.parse(item));
            } catch (IllegalArgumentException e) {
                throw new UsageException(item + ": neither a pin nor a readable file");
            }
        }
        return pinsOf(item);
    }

    /** The pins of every certificate, key and CSR in a file ({@code -} is stdin). */
    static List<Pin> pinsOf(String file) {
        List<Pin> found = new ArrayList<>();
        try (InputStream in = Inputs.open(file)) {
            new KeyMaterialReader(null).read(in, material -> found.add(material.pin()));
        } catch (IOException e) {
            throw new UsageException(file + ": " + Inputs.describe(e));
        } catch (UnreadableInputException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
        return found;
    }

    /** The pins of every item, in order, without duplicates. */
    static List<Pin> all(List<String> items) {
        List<Pin> pins = new ArrayList<>();
        for (String item : items) {
            for (Pin pin : pinOrFile(item)) {
                if (!pins.contains(pin)) {
                    pins.add(pin);
                }
            }
        }
        return pins;
    }
}
