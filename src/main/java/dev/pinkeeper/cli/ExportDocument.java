package dev.pinkeeper.cli;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pinkeeper.export.ClientExport;
import dev.pinkeeper.pin.Pin;

/**
 * The JSON document of {@code pinkeeper export}: a {@link ClientExport}, each form of the configuration
 * under its own name (only the client's forms appear), rendered by {@link Json}.
 *
 * @param format   okhttp, android, trustkit or curl
 * @param host     the host clients connect to
 * @param pins     every pin exported
 * @param problems why the export is refused (empty: it can be used)
 */
record ExportDocument(String format, String host, List<Pin> pins,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String kotlin,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String java,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String xml,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String swift,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String plist,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String pinnedpubkey,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String command,
                      List<String> problems) {
    /** The document of {@code export}. */
    static ExportDocument of(ClientExport export) {
        var forms = export.forms();
        return new ExportDocument(export.format().label(), export.export().host(), export.export().allPins(),
                forms.get("kotlin"), forms.get("java"), forms.get("xml"), forms.get("swift"), forms.get("plist"),
                forms.get("pinnedpubkey"), forms.get("command"), export.problems());
    }
}
