package dev.mirrorscope.app.common;

import javafx.scene.Node;
import org.controlsfx.glyphfont.FontAwesome;
import org.controlsfx.glyphfont.Glyph;
import org.controlsfx.glyphfont.GlyphFont;
import org.controlsfx.glyphfont.GlyphFontRegistry;

/** Toolbar icons from the FontAwesome font bundled with ControlsFX; they take the theme's text colour. */
public final class Icons {
    private static final GlyphFont FONT = GlyphFontRegistry.font("FontAwesome");

    private Icons() {
    }

    public static Node of(FontAwesome.Glyph glyph) {
        Glyph g = FONT.create(glyph);
        g.getStyleClass().add("glyph-font");
        return g;
    }
}
