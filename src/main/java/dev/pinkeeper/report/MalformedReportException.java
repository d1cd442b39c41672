package dev.pinkeeper.report;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** A request body that is not a violation report: bad JSON, a wrong type, a missing field. One-line message. */
public class MalformedReportException extends PinkeeperException {
    public MalformedReportException(String message) {
        super(ErrorKind.USAGE, message);
    }
}
