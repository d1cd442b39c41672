package dev.pinkeeper.verify;

import dev.pinkeeper.analyse.HeaderAnalysis;
import dev.pinkeeper.pin.PkpHeader;

/**
 * One Public-Key-Pins or Public-Key-Pins-Report-Only field a site served, with its analysis.
 *
 * @param reportOnly true for Public-Key-Pins-Report-Only
 * @param position   0 for the first field of its name (the only one a user agent processes), 1 for the next…
 * @param value      the field value as served
 * @param analysis   the {@link dev.pinkeeper.analyse.HeaderAnalyser} report on it against the served chain
 */
public record ServedPinHeader(boolean reportOnly, int position, String value, HeaderAnalysis analysis) {
    /** The header field name. */
    public String name() {
        return reportOnly ? PkpHeader.REPORT_ONLY_NAME : PkpHeader.NAME;
    }
}
