package dev.pinkeeper.keys.backup;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The printable backup sheet: one A4 page at 200 dpi with the site, key id, algorithm, pin and dates,
 * the encrypted key as QR codes (error correction level Q, "part i of n" above each) and the restore
 * instructions. Rendered once as an image, written as PNG and as a one-page PDF embedding it.
 * Every QR code is decoded back before the sheet is accepted.
 */
public final class BackupSheet {
    /** Page size in pixels: A4 (210 x 297 mm) at 200 dpi. */
    public static final int WIDTH = 1654;
    public static final int HEIGHT = 2339;
    private static final int MARGIN = 90;
    private static final int GAP = 30;
    private static final int MAX_PARTS = 6;

    private BackupSheet() {
    }

    /** Renders the sheet. */
    public static BufferedImage render(SheetContent content) {
        List<String> texts = content.qrTexts();
        if (texts.isEmpty() || texts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a sheet holds 1 to " + MAX_PARTS + " QR codes, not " + texts.size());
        }
        BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            int y = MARGIN + 40;
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
            g.drawString("pinkeeper offline backup key", MARGIN, y);
            y += 30;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
            y = line(g, "Keep this sheet in a safe. The key is encrypted: its passphrase must be stored elsewhere.", y + 20);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 26));
            y += 16;
            y = line(g, "Site:       " + content.site(), y + 10);
            y = line(g, "Domains:    " + ellipsis(String.join(", ", content.domains()), 60), y + 6);
            y = line(g, "Key id:     " + content.keyId(), y + 6);
            y = line(g, "Algorithm:  " + content.algorithm(), y + 6);
            y = line(g, "Created:    " + content.created().truncatedTo(ChronoUnit.SECONDS), y + 6);
            y = line(g, "Exported:   " + content.exported().truncatedTo(ChronoUnit.SECONDS), y + 6);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 26));
            y = line(g, "Pin:        pin-sha256=\"" + content.pin() + "\"", y + 6);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 20));
            y = line(g, "Encryption: PKCS#8 PBES2, PBKDF2-HMAC-SHA256 (" + EncryptedKeyCodec.ITERATIONS
                    + " iterations), AES-256-CBC", y + 6);
            y = drawCodes(g, texts, y + 40);
            drawInstructions(g, content, texts.size(), y + 30);
        } finally {
            g.dispose();
        }
        return page;
    }

    private static int drawCodes(Graphics2D g, List<String> texts, int top) {
        int count = texts.size();
        int columns = count == 1 ? 1 : count <= 4 ? 2 : 3;
        int cellWidth = count == 1 ? 640 : (WIDTH - 2 * MARGIN - (columns - 1) * GAP) / columns;
        int y = top;
        int rowHeight = 0;
        for (int i = 0; i < count; i++) {
            int column = i % columns;
            if (column == 0 && i > 0) {
                y += rowHeight + GAP;
            }
            BitMatrix matrix = encode(texts.get(i));
            int scale = Math.max(2, cellWidth / matrix.getWidth());
            BufferedImage code = scaled(matrix, scale);
            checkDecodes(code, texts.get(i), i + 1);
            int x = count == 1 ? (WIDTH - code.getWidth()) / 2 : MARGIN + column * (cellWidth + GAP);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
            g.drawString("part " + (i + 1) + " of " + count, x + 4 * scale, y + 28);
            g.drawImage(code, x, y + 36, null);
            rowHeight = Math.max(rowHeight, code.getHeight() + 36);
        }
        return y + rowHeight;
    }

    private static void drawInstructions(Graphics2D g, SheetContent content, int parts, int top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        int y = line(g, "To restore", top);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        String first = parts == 1 ? "1. Scan the QR code and save its text in a file, e.g. backup.txt."
                : "1. Scan all " + parts + " QR codes (any order) and save their texts, one per line, in a file, e.g. backup.txt.";
        y = line(g, first, y + 14);
        y = line(g, "2. Run: pinkeeper keys backup restore --site " + content.site()
                + " --qr-text backup.txt   (asks for the passphrase)", y + 8);
        y = line(g, "   It checks that the key's pin is the one above before storing it.", y + 6);
        y = line(g, "3. Without pinkeeper (any machine with OpenSSL; asks for the passphrase):", y + 8);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 20));
        y = line(g, "   sort backup.txt | cut -d: -f3 | tr -d '\\n' | base64 -d | openssl pkcs8 -inform DER -out key.pem", y + 6);
        y = line(g, "   openssl pkey -in key.pem -pubout -outform DER | openssl dgst -sha256 -binary | base64", y + 6);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        line(g, "   The last command must print the pin above.", y + 6);
    }

    private static int line(Graphics2D g, String text, int y) {
        int height = g.getFontMetrics().getHeight();
        g.drawString(text, MARGIN, y + g.getFontMetrics().getAscent());
        return y + height;
    }

    private static String ellipsis(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    static BitMatrix encode(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q);
        hints.put(EncodeHintType.MARGIN, 4);
        hints.put(EncodeHintType.CHARACTER_SET, "ISO-8859-1");
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
    }

    private static BufferedImage scaled(BitMatrix matrix, int scale) {
        BitMatrix big = new BitMatrix(matrix.getWidth() * scale, matrix.getHeight() * scale);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    big.setRegion(x * scale, y * scale, scale, scale);
                }
            }
        }
        return MatrixToImageWriter.toBufferedImage(big);
    }

    /** Decodes a QR image back and checks it gives the text: a sheet is never written unreadable. */
    private static void checkDecodes(BufferedImage image, String expected, int part) {
        String decoded = decode(image);
        if (!expected.equals(decoded)) {
            throw new IllegalStateException("QR code part " + part + " does not decode back to its text");
        }
    }

    /** The text of the single QR code in an image, or null if none is readable. */
    public static String decode(BufferedImage image) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        hints.put(DecodeHintType.CHARACTER_SET, "ISO-8859-1");
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image))), hints).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return null;
        }
    }

    /** The sheet as PNG bytes. */
    public static byte[] png(BufferedImage page) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(page, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }

    /** The sheet as a one-page A4 PDF embedding the image losslessly. */
    public static byte[] pdf(BufferedImage page, SheetContent content) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("pinkeeper offline backup key " + content.keyId() + " (" + content.site() + ")");
            info.setCreator("pinkeeper");
            PDPage pdfPage = new PDPage(PDRectangle.A4);
            document.addPage(pdfPage);
            PDImageXObject image = LosslessFactory.createFromImage(document, page);
            try (PDPageContentStream stream = new PDPageContentStream(document, pdfPage)) {
                stream.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
