package dev.pinkeeper.cli;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.pin.ReportUri;
import dev.pinkeeper.server.ReportUriLines;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the header options: pins, user agents, report-uris and durations. */
final class HeaderOptionConverters {
    private HeaderOptionConverters() {
    }

    /** A pin in any form {@link Pin#parse} reads. */
    static final class PinConverter implements ITypeConverter<Pin> {
        @Override
        public Pin convert(String value) {
            try {
                return Pin.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * A report-uri every user agent would take ({@link ReportUri#problem}) and every server can send
     * ({@link ReportUriLines#problem}): the one a plan serves (plan init, deploy of a site without a plan).
     */
    static final class ReportUriConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String problem = ReportUri.problem(value);
            if (problem == null) {
                problem = ReportUriLines.problem(value);
            }
            if (problem != null) {
                throw new TypeConversionException(problem);
            }
            return value;
        }
    }

    /** Seconds, as {@link Durations#parse} reads them: {@code 300}, {@code 5m}, {@code 12h}, {@code 30d}, {@code 2w}. */
    static final class SecondsConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Durations.parse(value).getSeconds();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
