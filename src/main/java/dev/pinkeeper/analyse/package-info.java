/**
 * Analysis of a Public-Key-Pins header against a served chain, in the spirit of the report-uri.io
 * analyser and SSL Labs' pinning section: what each pin is, what would break, and what to fix.
 * Entry point: {@link dev.pinkeeper.analyse.HeaderAnalyser}.
 */
package dev.pinkeeper.analyse;
