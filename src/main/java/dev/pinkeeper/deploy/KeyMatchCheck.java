package dev.pinkeeper.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.read.KeyMaterialReader;
import dev.pinkeeper.read.UnreadableInputException;

/** Every leaf certificate of the release certifies the private key stored next to it. */
public final class KeyMatchCheck implements ReleaseCheck {
    @Override
    public void check(Release release) throws ReleaseCheckException, IOException {
        for (String suffix : new String[] {"", "-rsa", "-ecdsa"}) {
            Path cert = release.file("cert" + suffix + ".pem");
            Path key = release.file("privkey" + suffix + ".pem");
            if (!Files.exists(cert)) {
                continue;
            }
            Pin certPin = firstPin(cert);
            Pin keyPin = firstPin(key);
            if (!certPin.equals(keyPin)) {
                throw new ReleaseCheckException(key.getFileName() + " is not the key of " + cert.getFileName()
                        + " (key pin " + keyPin + ", certificate pin " + certPin + ")");
            }
        }
    }

    private static Pin firstPin(Path file) throws IOException, ReleaseCheckException {
        AtomicReference<Pin> pin = new AtomicReference<>();
        try (InputStream in = Files.newInputStream(file)) {
            new KeyMaterialReader(null).read(in, material -> pin.compareAndSet(null, material.pin()));
        } catch (UnreadableInputException e) {
            throw new ReleaseCheckException(file + ": " + e.getMessage(), e);
        }
        return pin.get();
    }
}
