package dev.pinkeeper.report;

/** A request body that is not a violation report: bad JSON, a wrong type, a missing field. One-line message. */
public class MalformedReportException extends Exception {
    public MalformedReportException(String message) {
        super(message);
    }
}
