package dev.pinkeeper.ops.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The slf4j provider of the jar (found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}): {@link StderrLogger}s at the levels
 * {@link LogLevels} holds.
 */
public final class StderrLoggerProvider implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private ILoggerFactory loggers;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        boolean journal = LogSeverity.journal();
        Map<String, StderrLogger> made = new ConcurrentHashMap<>();
        loggers = name -> made.computeIfAbsent(name, n -> new StderrLogger(n, null, journal));
    }
}
