/**
 * The dashboard page, rendered on the server as one HTML document with an inline SVG chart:
 * no script, no external resource. Every value that came from a report is escaped.
 */
package dev.pinkeeper.report.dashboard;
