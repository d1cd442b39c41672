package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

class OutageLogTest {
    /** A failure every millisecond for three minutes: one line at the start, one a minute, one at the end. */
    @Test
    void aLastingOutageIsLoggedOnceAMinuteNotOncePerFailure() {
        Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
        AtomicLong now = new AtomicLong();
        OutageLog log = new OutageLog(new EventRecordingLogger(new SubstituteLogger("test", events, true), events),
                Duration.ofMinutes(1), now::get);
        for (int ms = 0; ms < 180_000; ms++) {
            now.set(ms * 1_000_000L);
            log.failed("disk full");
        }
        log.recovered("writes again");
        log.recovered("writes again"); // already logged: nothing more
        List<String> lines = events.stream()
                .map(e -> e.getLevel() + " " + MessageFormatter.basicArrayFormat(e.getMessage(), e.getArgumentArray())).toList();
        assertThat(lines).containsExactly("WARN disk full", "WARN disk full (for 60 s, 60001 failures)",
                "WARN disk full (for 2 min 0 s, 120001 failures)", "INFO writes again (after 2 min 59 s, 180000 failures)");
        assertThat(events).extracting(SubstituteLoggingEvent::getLevel).doesNotContain(Level.ERROR);
    }
}
