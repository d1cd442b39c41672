package dev.pinkeeper.ops.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.lifecycle.LifecycleEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** One mapping of levels to the word and journald priority a log line starts with, for both kinds of log. */
class LogSeverityTest {
    @Test
    void slf4jLevelsStartWithTheirWordAndSyslogPriority() {
        assertThat(LogSeverity.of(Level.ERROR).prefix(true)).isEqualTo("<3>ERROR");
        assertThat(LogSeverity.of(Level.WARN).prefix(true)).isEqualTo("<4>WARN");
        assertThat(LogSeverity.of(Level.INFO).prefix(true)).isEqualTo("<6>INFO");
        assertThat(LogSeverity.of(Level.DEBUG).prefix(true)).isEqualTo("<7>DEBUG");
        assertThat(LogSeverity.of(Level.TRACE).prefix(false)).isEqualTo("DEBUG");
    }

    @Test
    void lifecycleLevelsMapToTheSameSeverities() {
        assertThat(LogSeverity.of(LifecycleEvent.Level.ERROR)).isSameAs(LogSeverity.of(Level.ERROR));
        assertThat(LogSeverity.of(LifecycleEvent.Level.WARNING)).isSameAs(LogSeverity.of(Level.WARN));
        assertThat(LogSeverity.of(LifecycleEvent.Level.INFO)).isSameAs(LogSeverity.of(Level.INFO));
        assertThat(LogSeverity.of(LifecycleEvent.Level.DEBUG)).isSameAs(LogSeverity.of(Level.DEBUG));
        assertThat(LogSeverity.of(LifecycleEvent.Level.WARNING).prefix(false)).isEqualTo("WARN");
        assertThat(LogSeverity.of(LifecycleEvent.Level.WARNING).priority()).isEqualTo("<4>");
    }
}
