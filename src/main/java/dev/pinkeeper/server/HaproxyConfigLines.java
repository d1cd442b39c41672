package dev.pinkeeper.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An HAProxy configuration read just enough to know where each directive sits: comments removed
 * ({@code #} outside quotes and not escaped, to the end of the line), blank lines dropped, and every
 * other line tagged with the section it belongs to ({@code global}, {@code defaults},
 * {@code frontend}, {@code listen}, {@code backend}, …; null before the first section keyword).
 */
final class HaproxyConfigLines {
    /** The keywords that open a section (HAProxy 2.x configuration manual, section 2). */
    private static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "listen", "backend",
            "userlist", "peers", "resolvers", "mailers", "program", "http-errors", "ring", "cache", "log-forward",
            "fcgi-app", "crt-store", "traces");

    /**
     * One directive: its text without the comment and surrounding blanks, and its section.
     *
     * @param section the keyword of the enclosing section, or null before any section
     * @param text    the directive as written (first word is its keyword)
     */
    record Directive(String section, String text) {
        /** The directive's words split on blanks (quotes are kept as written). */
        List<String> words() {
            return List.of(text.split("[ \t]+"));
        }
    }

    private HaproxyConfigLines() {
    }

    /** The directives of a configuration file's text, in order. */
    static List<Directive> parse(String config) {
        List<Directive> directives = new ArrayList<>();
        String section = null;
        for (String line : config.split("\r?\n", -1)) {
            String text = withoutComment(line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String keyword = text.split("[ \t]+", 2)[0];
            if (SECTIONS.contains(keyword)) {
                section = keyword;
            }
            directives.add(new Directive(section, text));
        }
        return directives;
    }

    /** The line up to its first {@code #} that is outside quotes and not escaped with a backslash. */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
