package dev.pinkeeper.cli.options;

import dev.pinkeeper.pin.UserAgent;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The one reading of {@code --ua}: {@code rfc}, {@code chrome} or {@code firefox} (any case). */
public final class UserAgentConverter implements ITypeConverter<UserAgent> {
    @Override
    public UserAgent convert(String value) {
        try {
            return UserAgent.ofLabel(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
