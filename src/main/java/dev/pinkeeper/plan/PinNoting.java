package dev.pinkeeper.plan;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/** RFC 7469 §2.5: when a client notes a Public-Key-Pins header received over a validated chain. */
final class PinNoting {
    private PinNoting() {
    }

    /** Null when a client given {@code chain} notes {@code header}, else why it does not. */
    static String whyNotNoted(PkpHeader header, Chain chain) {
        boolean pinInChain = false;
        boolean backup = false;
        for (Pin pin : header.pins()) {
            if (chain.contains(pin)) {
                pinInChain = true;
            } else {
                backup = true;
            }
        }
        if (!pinInChain) {
            return "no pin of chain " + name(chain) + " is in it";
        }
        if (!backup) {
            return "it has no backup pin outside chain " + name(chain);
        }
        return null;
    }

    private static String name(Chain chain) {
        return chain.label() != null ? "\"" + chain.label() + "\"" : "with leaf " + chain.leaf();
    }
}
