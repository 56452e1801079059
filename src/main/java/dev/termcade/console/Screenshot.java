package dev.termcade.console;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pictures as PNG files at their own resolution, one image pixel per picture pixel. */
public final class Screenshot {
    private Screenshot() {}

    public static void write(Framebuffer fb, Path file) throws IOException {
        BufferedImage img = new BufferedImage(fb.width(), fb.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < fb.height(); y++) {
            for (int x = 0; x < fb.width(); x++) img.setRGB(x, y, fb.get(x, y));
        }
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer in this Java");
    }
}
