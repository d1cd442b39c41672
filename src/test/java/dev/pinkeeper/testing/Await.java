package dev.pinkeeper.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a value until it satisfies a condition: for states a server reaches asynchronously (old workers exiting). */
public final class Await {
    private Await() {
    }

    /** The first value that satisfies {@code done}, or the last one read when {@code limit} passed. */
    public static <T> T until(Supplier<T> read, Predicate<T> done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }
}
