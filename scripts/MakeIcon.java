import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Draws the Mirrorscope icon (a lens over mirrored waves): java scripts/MakeIcon.java OUT.png [SIZE]. */
public class MakeIcon {
    public static void main(String[] a) throws Exception {
        int s = a.length > 1 ? Integer.parseInt(a[1]) : 256;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f4e9c), s, s, new Color(0x2fa3c7)));
        g.fill(new RoundRectangle2D.Double(0, 0, s, s, s * 0.22, s * 0.22));
        g.setStroke(new BasicStroke(s * 0.045f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int k = 0; k < 2; k++) {
            Path2D wave = new Path2D.Double();
            double y = s * (k == 0 ? 0.38 : 0.62);
            wave.moveTo(s * 0.14, y);
            for (int i = 0; i < 4; i++) {
                double x0 = s * (0.14 + i * 0.18);
                wave.quadTo(x0 + s * 0.045, y + (i % 2 == 0 ? -1 : 1) * s * 0.09 * (k == 0 ? 1 : -1), x0 + s * 0.09, y);
                wave.quadTo(x0 + s * 0.135, y - (i % 2 == 0 ? -1 : 1) * s * 0.09 * (k == 0 ? 1 : -1), x0 + s * 0.18, y);
            }
            g.setColor(k == 0 ? Color.WHITE : new Color(255, 255, 255, 150));
            g.draw(wave);
        }
        g.setColor(new Color(0xffd166));
        g.setStroke(new BasicStroke(s * 0.06f));
        g.draw(new Ellipse2D.Double(s * 0.52, s * 0.52, s * 0.3, s * 0.3));
        g.draw(new Line2D.Double(s * 0.78, s * 0.78, s * 0.9, s * 0.9));
        g.dispose();
        ImageIO.write(img, "png", new File(a[0]));
    }
}
