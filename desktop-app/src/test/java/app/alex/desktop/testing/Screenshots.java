package app.alex.desktop.testing;

import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Saves a node as target/screenshots/NAME.png (node.snapshot, then PNG via javax.imageio). */
public final class Screenshots {
    private Screenshots() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "screenshots");
    }

    public static Path save(Node node, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(10, TimeUnit.SECONDS);
            int width = (int) image.getWidth();
            int height = (int) image.getHeight();
            var out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            PixelReader pixels = image.getPixelReader();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out.setRGB(x, y, pixels.getArgb(x, y));
                }
            }
            Path file = directory().resolve(name + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("snapshot failed", e);
        }
    }
}
