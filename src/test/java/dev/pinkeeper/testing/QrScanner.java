package dev.pinkeeper.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;

/** Scans every QR code on a whole page image, as a phone would scan a printed sheet. */
public final class QrScanner {
    private QrScanner() {
    }

    public static List<String> scan(Path png) throws IOException {
        BufferedImage page = ImageIO.read(png.toFile());
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        List<String> texts = new ArrayList<>();
        try {
            for (Result result : new QRCodeMultiReader().decodeMultiple(
                    new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))), hints)) {
                texts.add(result.getText());
            }
        } catch (NotFoundException e) {
            // no code found: an empty list
        }
        return texts;
    }
}
