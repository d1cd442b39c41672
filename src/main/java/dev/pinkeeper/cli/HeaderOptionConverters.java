package dev.pinkeeper.cli;

import dev.pinkeeper.server.ReportUriLines;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.ReportUri;
import dev.pinkeeper.pin.UserAgent;
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

    /** {@code rfc}, {@code chrome} or {@code firefox}. */
    static final class UserAgentConverter implements ITypeConverter<UserAgent> {
        @Override
        public UserAgent convert(String value) {
            try {
                return UserAgent.ofLabel(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Seconds, written as a number or with a unit suffix: {@code 300}, {@code 5m}, {@code 12h}, {@code 30d}, {@code 2w}. */
    static final class SecondsConverter implements ITypeConverter<Long> {
        private static final Pattern DURATION = Pattern.compile("(\\d{1,18})([smhdw]?)");

        @Override
        public Long convert(String value) {
            Matcher m = DURATION.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration (seconds, or a number with s, m, h, d or w)");
            }
            long unit = switch (m.group(2)) {
                case "m" -> 60;
                case "h" -> 3_600;
                case "d" -> 86_400;
                case "w" -> 604_800;
                default -> 1;
            };
            try {
                return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            } catch (ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is too long a duration");
            }
        }
    }
}
