// Draws the application icon in the three formats jpackage wants (PNG for Linux, ICO for Windows,
// ICNS for macOS), so the icons are reproducible without an image editor:
//   java -Djava.awt.headless=true packaging/tools/Icon.java packaging/src/main/resources
import javax.imageio.ImageIO;
import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.*;

public class Icon {
    static byte[] png(int size) throws IOException {
        var img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        var g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        float s = size;
        g.setPaint(new GradientPaint(0, 0, new Color(0x1F4E79), s, s, new Color(0x2E86AB)));
        g.fill(new RoundRectangle2D.Float(s * 0.04f, s * 0.04f, s * 0.92f, s * 0.92f, s * 0.22f, s * 0.22f));
        // rising bars: research that compounds
        g.setColor(new Color(255, 255, 255, 70));
        float w = s * 0.12f;
        float[] h = {0.22f, 0.34f, 0.48f};
        for (int i = 0; i < 3; i++) {
            g.fill(new RoundRectangle2D.Float(s * (0.18f + i * 0.16f), s * (0.80f - h[i]), w, s * h[i], w * 0.4f, w * 0.4f));
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(s * 0.58f)));
        var fm = g.getFontMetrics();
        String a = "A";
        g.drawString(a, (size - fm.stringWidth(a)) / 2f + s * 0.08f, s * 0.70f);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.write(dir.resolve("alex.png"), png(256));
        // ICO with PNG entries (Vista+): header, directory, images.
        int[] sizes = {16, 32, 48, 256};
        byte[][] imgs = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) imgs[i] = png(sizes[i]);
        var ico = new ByteArrayOutputStream();
        var head = ByteBuffer.allocate(6 + 16 * sizes.length).order(ByteOrder.LITTLE_ENDIAN);
        head.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            head.put((byte) (sizes[i] == 256 ? 0 : sizes[i])).put((byte) (sizes[i] == 256 ? 0 : sizes[i])).put((byte) 0).put((byte) 0)
                .putShort((short) 1).putShort((short) 32).putInt(imgs[i].length).putInt(offset);
            offset += imgs[i].length;
        }
        ico.write(head.array());
        for (byte[] b : imgs) ico.write(b);
        Files.write(dir.resolve("alex.ico"), ico.toByteArray());
        // ICNS with PNG entries: ic07 128, ic08 256, ic09 512.
        String[] types = {"ic07", "ic08", "ic09"};
        int[] isz = {128, 256, 512};
        var body = new ByteArrayOutputStream();
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(isz[i]);
            var e = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
            e.put(types[i].getBytes()).putInt(8 + p.length);
            body.write(e.array());
            body.write(p);
        }
        var icns = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        icns.put("icns".getBytes()).putInt(8 + body.size());
        var out = new ByteArrayOutputStream();
        out.write(icns.array());
        out.write(body.toByteArray());
        Files.write(dir.resolve("alex.icns"), out.toByteArray());
    }
}
