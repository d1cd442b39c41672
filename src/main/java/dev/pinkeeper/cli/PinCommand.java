package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.pinkeeper.read.KeyMaterial;
import dev.pinkeeper.read.KeyMaterialReader;
import dev.pinkeeper.read.UnreadableInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pinkeeper pin}: the SPKI pin of every certificate, key and CSR in the inputs. */
@Command(name = "pin", mixinStandardHelpOptions = true,
        description = "Print the SPKI pin (base64 SHA-256) of every certificate, key and CSR in the inputs.")
final class PinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File whose first line is the passphrase of encrypted private keys.")
    Path passphraseFile;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "PEM (any number of blocks) or DER files; '-' or none reads standard input.")
    List<String> files = List.of();

    @Override
    public Integer call() throws IOException {
        KeyMaterialReader reader = new KeyMaterialReader(
                passphraseFile == null ? null : Inputs.passphrase(passphraseFile));
        List<String> inputs = files.isEmpty() ? List.of("-") : files;
        OutputStream stdout = new BufferedOutputStream(new EscapingOutputStream(new FileOutputStream(FileDescriptor.out),
                true), 1 << 16);
        boolean allRead = true;
        try (PinPrinter printer = jsonOption.json() ? new JsonPinPrinter(stdout) : new TextPinPrinter(stdout)) {
            for (String name : inputs) {
                try (InputStream in = Inputs.open(name)) {
                    reader.read(in, material -> printer.print(name, material));
                } catch (UnreadableInputException | IOException e) {
                    printer.flush();
                    String reason = e instanceof IOException io ? Inputs.describe(io)
                            : Remedies.described((UnreadableInputException) e, spec);
                    System.err.println("pinkeeper: " + name + ": " + reason);
                    allRead = false;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // e.g. "broken pipe" under `pinkeeper pin big.pem | head`: one line, no stack trace
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            System.err.println("pinkeeper: cannot write to standard output: " + Inputs.describe(cause));
            return ExitCode.USAGE;
        }
        return allRead ? ExitCode.OK : ExitCode.USAGE;
    }

    /**
     * Writes one line or JSON object per pinned object. {@link #print} and {@link #flush} turn write
     * failures into {@link UncheckedIOException}, as the reader's sink cannot throw checked ones.
     */
    private interface PinPrinter extends AutoCloseable {
        void write(String file, KeyMaterial material) throws IOException;

        void flushOutput() throws IOException;

        @Override
        void close() throws IOException;

        default void print(String file, KeyMaterial material) {
            try {
                write(file, material);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        default void flush() {
            try {
                flushOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class TextPinPrinter implements PinPrinter {
        private final Writer out;

        TextPinPrinter(OutputStream stdout) {
            this.out = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public void write(String file, KeyMaterial m) throws IOException {
            out.write("pin-sha256=\"");
            out.write(m.pin().base64());
            out.write("\"\t");
            out.write(file);
            out.write('#');
            out.write(Integer.toString(m.index()));
            out.write('\t');
            out.write(m.kind().label());
            out.write('\t');
            out.write(m.subject() == null ? "-" : m.subject().replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
            out.write('\n');
        }

        @Override
        public void flushOutput() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static final class JsonPinPrinter implements PinPrinter {
        private final JsonGenerator out;

        JsonPinPrinter(OutputStream stdout) throws IOException {
            // the one mapper's factory, written field by field: one object per pinned object, streamed
            this.out = Json.mapper().getFactory().createGenerator(stdout).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            out.writeStartArray();
        }

        @Override
        public void write(String file, KeyMaterial m) throws IOException {
            out.writeStartObject();
            out.writeStringField("file", file);
            out.writeNumberField("index", m.index());
            out.writeStringField("kind", m.kind().label());
            out.writeStringField("subject", m.subject());
            out.writeStringField("pin", m.pin().base64());
            out.writeEndObject();
        }

        @Override
        public void flushOutput() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.writeEndArray();
            out.writeRaw('\n');
            out.close(); // flushes; the generator was made not to close standard output
        }
    }
}
