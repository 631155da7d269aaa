import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws the Mirrorscope icon (a lens over mirrored waves) as SVG and as a PNG from the same geometry:
 * java scripts/MakeIcon.java resources/icons [SIZE]   writes mirrorscope.svg and mirrorscope.png (SIZE, default 256).
 */
public class MakeIcon {
    private static final double S = 256;

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a.length > 0 ? a[0] : "resources/icons");
        int size = a.length > 1 ? Integer.parseInt(a[1]) : 256;
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("mirrorscope.svg"), svg());
        javax.imageio.ImageIO.write(png(size), "png", dir.resolve("mirrorscope.png").toFile());
    }

    /** One wave: k 0 is the signal, k 1 its mirror image below. */
    private static String wave(int k) {
        double y = S * (k == 0 ? 0.38 : 0.62);
        double sign = k == 0 ? 1 : -1;
        StringBuilder d = new StringBuilder(f("M%.2f %.2f", S * 0.14, y));
        for (int i = 0; i < 4; i++) {
            double x0 = S * (0.14 + i * 0.18);
            double up = (i % 2 == 0 ? -1 : 1) * S * 0.09 * sign;
            d.append(f(" Q%.2f %.2f %.2f %.2f", x0 + S * 0.045, y + up, x0 + S * 0.09, y));
            d.append(f(" Q%.2f %.2f %.2f %.2f", x0 + S * 0.135, y - up, x0 + S * 0.18, y));
        }
        return d.toString();
    }

    private static String svg() {
        return f("""
                <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
                  <title>Mirrorscope</title>
                  <defs>
                    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
                      <stop offset="0" stop-color="#1f4e9c"/>
                      <stop offset="1" stop-color="#2fa3c7"/>
                    </linearGradient>
                  </defs>
                  <rect width="256" height="256" rx="%.2f" fill="url(#bg)"/>
                  <g fill="none" stroke-width="%.2f" stroke-linecap="round" stroke-linejoin="round">
                    <path d="%s" stroke="#ffffff"/>
                    <path d="%s" stroke="#ffffff" stroke-opacity="0.59"/>
                  </g>
                  <g fill="none" stroke="#ffd166" stroke-width="%.2f">
                    <circle cx="%.2f" cy="%.2f" r="%.2f"/>
                    <line x1="%.2f" y1="%.2f" x2="%.2f" y2="%.2f" stroke-linecap="square"/>
                  </g>
                </svg>
                """, S * 0.11, S * 0.045, wave(0), wave(1), S * 0.06, S * 0.67, S * 0.67, S * 0.15,
                S * 0.78, S * 0.78, S * 0.9, S * 0.9);
    }

    private static BufferedImage png(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / S, size / S);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f4e9c), (float) S, (float) S, new Color(0x2fa3c7)));
        g.fill(new RoundRectangle2D.Double(0, 0, S, S, S * 0.22, S * 0.22));
        g.setStroke(new BasicStroke((float) (S * 0.045), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int k = 0; k < 2; k++) {
            g.setColor(k == 0 ? Color.WHITE : new Color(255, 255, 255, 150));
            g.draw(path(wave(k)));
        }
        g.setColor(new Color(0xffd166));
        g.setStroke(new BasicStroke((float) (S * 0.06)));
        g.draw(new Ellipse2D.Double(S * 0.52, S * 0.52, S * 0.3, S * 0.3));
        g.draw(new Line2D.Double(S * 0.78, S * 0.78, S * 0.9, S * 0.9));
        g.dispose();
        return img;
    }

    /** The M/Q path data written into the SVG, drawn again for the PNG. */
    private static Path2D path(String d) {
        Path2D p = new Path2D.Double();
        String[] t = d.replace("M", "M ").replace("Q", "Q ").trim().split("\\s+");
        for (int i = 0; i < t.length; ) {
            if (t[i].equals("M")) {
                p.moveTo(Double.parseDouble(t[i + 1]), Double.parseDouble(t[i + 2]));
                i += 3;
            } else {
                p.quadTo(Double.parseDouble(t[i + 1]), Double.parseDouble(t[i + 2]), Double.parseDouble(t[i + 3]),
                        Double.parseDouble(t[i + 4]));
                i += 5;
            }
        }
        return p;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
