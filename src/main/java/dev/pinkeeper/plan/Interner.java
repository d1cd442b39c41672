package dev.pinkeeper.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/**
 * Numbers each distinct pin set and chain of one simulation, and remembers whether a pin set
 * admits a chain, so the inner loop compares two integers instead of lists of pins.
 */
final class Interner {
    private final Map<List<Pin>, Integer> pinSets = new HashMap<>();
    private final Map<Chain, Integer> chainIds = new HashMap<>();
    private final List<List<Pin>> pinSetList = new ArrayList<>();
    private final List<Chain> chainList = new ArrayList<>();
    private final Map<Long, Boolean> admits = new HashMap<>();
    private byte[] small = new byte[0];
    private int smallWidth;

    int header(PkpHeader header) {
        return pinSets.computeIfAbsent(header.pins(), pins -> {
            pinSetList.add(pins);
            return pinSetList.size() - 1;
        });
    }

    private final Map<PkpHeader, Integer> headers = new HashMap<>();

    int fullHeader(PkpHeader header) {
        return headers.computeIfAbsent(header, h -> headers.size());
    }

    int chain(Chain chain) {
        return chainIds.computeIfAbsent(chain, c -> {
            chainList.add(c);
            return chainList.size() - 1;
        });
    }

    /** Whether the pin set numbered {@code pinSet} pins any key of chain number {@code chain}. */
    boolean admits(int pinSet, int chain) {
        if (pinSet < 64 && chain < 64) {
            if (smallWidth == 0) {
                smallWidth = 64;
                small = new byte[64 * 64];
            }
            int index = pinSet * smallWidth + chain;
            byte known = small[index];
            if (known == 0) {
                known = chainList.get(chain).intersects(pinSetList.get(pinSet)) ? (byte) 1 : (byte) 2;
                small[index] = known;
            }
            return known == 1;
        }
        return admits.computeIfAbsent(((long) pinSet << 32) | chain,
                k -> chainList.get(chain).intersects(pinSetList.get(pinSet)));
    }
}
